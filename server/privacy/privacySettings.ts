/**
 * What the privacy page (`/privacy`) says about who is responsible, read from the environment at
 * start-up (`docs/deploy.md`): the municipality that runs Samskap is the controller, not the
 * project, so it names itself. Runtime settings, not build-time: one built client serves any
 * municipality, and the texts change without a rebuild.
 */
export interface PrivacySettings {
  /** PRIVACY_CONTROLLER: who is responsible (the municipality), '' when not set. */
  controller: string
  /** PRIVACY_CONTACT: an e-mail address, a web address or text (the data protection officer), '' when not set. */
  contact: string
  /** RETENTION_DAYS: how long a workshop is kept before it is deleted. */
  retentionDays: number
}

/** A workshop is kept a year unless the operator says otherwise. */
export const DEFAULT_RETENTION_DAYS = 365
/** At most ten years: a longer setting is a typo. */
const RETENTION_DAYS_MAX = 3650
/** Shown as-is on a public page: kept short, one line. */
const SETTING_TEXT_MAX = 300

/** RETENTION_DAYS, the one place it is read (the privacy page shows it; the deletion sweep uses it). */
export function retentionDaysFromEnv(env: Record<string, string | undefined>): number {
  const raw = env.RETENTION_DAYS?.trim() ?? ''
  if (raw === '') return DEFAULT_RETENTION_DAYS
  const days = Number(raw)
  if (!Number.isInteger(days) || days < 1 || days > RETENTION_DAYS_MAX) {
    throw new Error(`RETENTION_DAYS must be a whole number of days from 1 to ${RETENTION_DAYS_MAX}, not "${raw}"`)
  }
  return days
}

/** The privacy settings from the environment; a malformed RETENTION_DAYS is an error at start-up, not a silent default. */
export function privacySettingsFromEnv(env: Record<string, string | undefined>): PrivacySettings {
  return {
    controller: oneLine(env.PRIVACY_CONTROLLER),
    contact: oneLine(env.PRIVACY_CONTACT),
    retentionDays: retentionDaysFromEnv(env),
  }
}

function oneLine(raw: string | undefined): string {
  return (raw ?? '').replace(/\s+/g, ' ').trim().slice(0, SETTING_TEXT_MAX)
}
