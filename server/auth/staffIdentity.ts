import { createHash } from 'node:crypto'
import type { StaffRow } from '../staff/StaffStorage'
import type { OidcSettings } from './authSettings'

/** Claims from the ID token and the userinfo endpoint, merged. */
export type Claims = Record<string, unknown>

export type IdentityResult = { ok: true; staff: StaffRow } | { ok: false; reason: 'noSubject' | 'notStaff' }

/** Our id for a person of one provider: `sub` is unique only per issuer. */
export function staffId(issuer: string, subject: string): string {
  return createHash('sha256').update(`${issuer}\n${subject}`).digest('base64url').slice(0, 22)
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '')

/** A group claim as a list: providers send an array, a single string, or (Keycloak paths) '/a/b'. */
export function groupsOf(claims: Claims, claim: string): string[] {
  const value = claims[claim]
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? [value] : []
  return raw.filter((group): group is string => typeof group === 'string' && group !== '').slice(0, 500)
}

/** A group setting matches `admins` and, for Keycloak's full paths, `/admins`. */
function inGroup(groups: readonly string[], group: string): boolean {
  return groups.some((g) => g === group || g === `/${group}` || `/${g}` === group)
}

/**
 * Who signed in, from the provider's claims: the name and e-mail to show (falling back through the
 * claims providers use: Entra's `preferred_username` is an e-mail-like UPN), the groups, and
 * whether they are an administrator (`OIDC_ADMIN_GROUP`, `ADMIN_EMAILS` or `ADMIN_SUBS`). With
 * `OIDC_STAFF_GROUP`, anyone else (ID-porten admits every resident) is refused.
 */
export function staffFromClaims(claims: Claims, settings: OidcSettings, now: number): IdentityResult {
  const subject = text(claims.sub)
  if (subject === '') return { ok: false, reason: 'noSubject' }
  const username = text(claims.preferred_username)
  const email = (text(claims.email) || (username.includes('@') ? username : '')).toLowerCase()
  const fullName = [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ')
  const name = (text(claims.name) || fullName || username || email || subject).slice(0, 200)
  const groups = groupsOf(claims, settings.groupsClaim)
  const isAdmin =
    (settings.adminGroup !== null && inGroup(groups, settings.adminGroup)) ||
    (email !== '' && settings.adminEmails.includes(email)) ||
    settings.adminSubjects.includes(subject)
  if (settings.staffGroup !== null && !isAdmin && !inGroup(groups, settings.staffGroup)) return { ok: false, reason: 'notStaff' }
  return {
    ok: true,
    staff: {
      id: staffId(settings.issuer, subject),
      issuer: settings.issuer,
      subject,
      name,
      email: email.slice(0, 320),
      groups,
      isAdmin,
      firstSeenAt: now,
      lastSeenAt: now,
    },
  }
}
