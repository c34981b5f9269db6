import { describe, expect, it } from 'vitest'
import type { OidcSettings } from './authSettings'
import { authSettingsFromEnv } from './authSettings'
import { groupsOf, staffFromClaims, staffId } from './staffIdentity'

const settings: OidcSettings = {
  issuer: 'https://login.example.no',
  clientId: 'samskap',
  clientSecret: 's',
  scopes: 'openid profile email',
  groupsClaim: 'groups',
  adminGroup: 'samskap-admin',
  staffGroup: null,
  adminEmails: ['it@kommune.no'],
  adminSubjects: ['sub-root'],
}

describe('staffFromClaims', () => {
  it.each([
    ['name claim', { sub: 'a', name: 'Kari Nordmann', email: 'Kari@Kommune.no' }, 'Kari Nordmann', 'kari@kommune.no'],
    ['given and family name', { sub: 'a', given_name: 'Ola', family_name: 'Hansen' }, 'Ola Hansen', ''],
    ["Entra's UPN as e-mail", { sub: 'a', preferred_username: 'siri@kommune.no' }, 'siri@kommune.no', 'siri@kommune.no'],
    ['only a subject', { sub: 'xyz' }, 'xyz', ''],
  ])('%s', (_what, claims, name, email) => {
    const result = staffFromClaims(claims, settings, 5)
    expect(result).toMatchObject({ ok: true, staff: { name, email, subject: claims.sub, firstSeenAt: 5, isAdmin: false } })
  })

  it.each([
    ['the admin group', { sub: 'a', groups: ['x', 'samskap-admin'] }, true],
    ["Keycloak's group path", { sub: 'a', groups: ['/samskap-admin'] }, true],
    ['ADMIN_EMAILS, in any case', { sub: 'a', email: 'IT@kommune.no' }, true],
    ['ADMIN_SUBS', { sub: 'sub-root' }, true],
    ['a group that only starts like it', { sub: 'a', groups: ['samskap-admins'] }, false],
    ['a group claim that is a string', { sub: 'a', groups: 'samskap-admin' }, true],
  ])('administrator by %s', (_what, claims, isAdmin) => {
    expect(staffFromClaims(claims, settings, 0)).toMatchObject({ ok: true, staff: { isAdmin } })
  })

  it('refuses no subject, and people outside OIDC_STAFF_GROUP unless they are administrators', () => {
    expect(staffFromClaims({ name: 'x' }, settings, 0)).toEqual({ ok: false, reason: 'noSubject' })
    const staffOnly = { ...settings, staffGroup: 'samskap-staff' }
    expect(staffFromClaims({ sub: 'resident' }, staffOnly, 0)).toEqual({ ok: false, reason: 'notStaff' })
    expect(staffFromClaims({ sub: 'a', groups: ['samskap-staff'] }, staffOnly, 0).ok).toBe(true)
    expect(staffFromClaims({ sub: 'a', email: 'it@kommune.no' }, staffOnly, 0).ok).toBe(true)
  })

  it('gives one id per issuer and subject', () => {
    expect(staffId('https://a', 'x')).toBe(staffId('https://a', 'x'))
    expect(staffId('https://a', 'x')).not.toBe(staffId('https://b', 'x'))
    expect(staffId('https://a', 'x')).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(groupsOf({ g: ['a', 1, '', 'b'] }, 'g')).toEqual(['a', 'b'])
  })
})

describe('authSettingsFromEnv', () => {
  it('is the embedded mode by default, with a creation key when given', () => {
    expect(authSettingsFromEnv({})).toEqual({ oidc: null, createKey: null, sessionHours: 12 })
    expect(authSettingsFromEnv({ CREATE_KEY: 'long-enough' }).createKey).toBe('long-enough')
  })

  it('reads the provider, lists and groups', () => {
    const read = authSettingsFromEnv({
      OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0',
      OIDC_CLIENT_ID: 'id',
      OIDC_CLIENT_SECRET: 'secret',
      OIDC_ADMIN_GROUP: 'g-admin',
      ADMIN_EMAILS: 'A@x.no, b@x.no;c@x.no',
      ADMIN_SUBS: 's1 s2',
      SESSION_HOURS: '8',
    })
    expect(read.oidc).toMatchObject({ clientSecret: 'secret', adminGroup: 'g-admin', adminEmails: ['a@x.no', 'b@x.no', 'c@x.no'], adminSubjects: ['s1', 's2'] })
    expect(read.sessionHours).toBe(8)
  })

  it.each([
    [{ OIDC_ISSUER: 'https://x' }, /OIDC_CLIENT_ID/],
    [{ OIDC_ISSUER: 'http://login.example.no', OIDC_CLIENT_ID: 'a' }, /https/],
    [{ OIDC_CLIENT_ID: 'a' }, /OIDC_ISSUER/],
    [{ ADMIN_EMAILS: 'a@b.no' }, /OIDC_ISSUER/],
    [{ CREATE_KEY: 'short' }, /at least 8/],
    [{ SESSION_HOURS: 'many' }, /SESSION_HOURS/],
  ])('refuses %j', (env, message) => {
    expect(() => authSettingsFromEnv(env)).toThrow(message)
  })

  it('allows plain http only for a provider on this machine', () => {
    expect(authSettingsFromEnv({ OIDC_ISSUER: 'http://127.0.0.1:9000', OIDC_CLIENT_ID: 'a' }).oidc?.issuer).toBe('http://127.0.0.1:9000')
  })
})
