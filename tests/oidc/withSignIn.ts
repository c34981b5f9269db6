import type { AuthSettings } from '../../server/auth/authSettings'
import { signInByHttp } from './signInByHttp'
import { TestIdentityProvider } from './TestIdentityProvider'

type Started = { url: string } | readonly { url: string }[]

/**
 * Samskap with sign-in through a real OpenID provider started for the test: `start` gets the
 * provider's settings and starts one server or several instances of one deployment, whose addresses
 * the provider then accepts. `signIn` signs a test account in on a server (the first one started
 * by default) and resolves with its session cookie; a refused sign-in fails the test there.
 */
export async function withSignIn<T extends Started>(
  resources: { defer(cleanup: () => Promise<void> | void): void },
  start: (auth: AuthSettings) => Promise<T>,
): Promise<{ idp: TestIdentityProvider; started: T; signIn(login: string, on?: { url: string }): Promise<string> }> {
  const idp = await TestIdentityProvider.listen()
  resources.defer(() => idp.close())
  const started = await start(idp.authSettings())
  const servers: readonly { url: string }[] = Array.isArray(started) ? started : [started as { url: string }]
  idp.register(servers.map((server) => server.url))
  const signIn = async (login: string, on = servers[0]!) => {
    const { cookie } = await signInByHttp(on.url, login)
    if (!cookie) throw new Error(`${login} was not signed in at ${on.url}`)
    return cookie
  }
  return { idp, started, signIn }
}
