/**
 * Signs in to Samskap through the test provider the way a browser does, by following each
 * redirect by hand with a cookie jar per host: Samskap's /auth/login, the provider's authorization
 * endpoint, its sign-in form, back to Samskap's /auth/callback. Resolves with the session cookie
 * (`name=value`) and where Samskap sent the person, or with where it sent them when it refused.
 */
export async function signInByHttp(samskapUrl: string, login: string, returnTo = '/'): Promise<{ cookie: string | null; location: string }> {
  const jars = new Map<string, Map<string, string>>()
  const jarOf = (url: URL) => {
    let jar = jars.get(url.host)
    if (!jar) jars.set(url.host, (jar = new Map()))
    return jar
  }
  async function go(url: URL, init: RequestInit = {}): Promise<Response> {
    const jar = jarOf(url)
    const headers = new Headers(init.headers)
    if (jar.size > 0) headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '))
    const response = await fetch(url, { ...init, headers, redirect: 'manual' })
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';')
      const eq = pair!.indexOf('=')
      const name = pair!.slice(0, eq).trim()
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || pair!.slice(eq + 1) === ''
      if (expired) jar.delete(name)
      else jar.set(name, pair!.slice(eq + 1))
    }
    return response
  }

  let url = new URL(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`, samskapUrl)
  const samskapHost = url.host
  for (let hop = 0; hop < 12; hop++) {
    const response = await go(url)
    const location = response.headers.get('location')
    if (response.status === 200 && url.pathname.startsWith('/interaction/')) {
      await response.text()
      const form = await go(new URL(`${url.pathname}/login`, url), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ login }).toString(),
      })
      url = new URL(form.headers.get('location')!, url)
      continue
    }
    await response.arrayBuffer()
    if (!location) throw new Error(`sign-in stopped at ${url} with ${response.status}`)
    const next = new URL(location, url)
    if (url.host === samskapHost && url.pathname === '/auth/callback') {
      const session = [...jarOf(url)].find(([name]) => name.endsWith('samskap_session'))
      return { cookie: session ? `${session[0]}=${session[1]}` : null, location: next.pathname + next.search }
    }
    url = next
  }
  throw new Error('too many redirects while signing in')
}
