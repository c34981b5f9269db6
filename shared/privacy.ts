/** `GET /api/privacy`'s answer: what the privacy page shows from the operator's settings (server/privacy). */
export interface PrivacyInfo {
  /** Who is responsible for the personal data (the municipality); '' when the operator has not said. */
  controller: string
  /** How to reach them about it: an e-mail address, a web address or text; '' when not given. */
  contact: string
  /** Days a workshop is kept before it is deleted. */
  retentionDays: number
}

/** Reads an answer defensively: anything else is null (the page then says it could not load them). */
export function parsePrivacyInfo(value: unknown): PrivacyInfo | null {
  if (typeof value !== 'object' || value === null) return null
  const { controller, contact, retentionDays } = value as Record<string, unknown>
  if (typeof controller !== 'string' || typeof contact !== 'string') return null
  if (typeof retentionDays !== 'number' || !Number.isInteger(retentionDays) || retentionDays < 1) return null
  return { controller, contact, retentionDays }
}
