/**
 * Who to contact about accessibility, set by the operator when building the client
 * (`VITE_ACCESSIBILITY_CONTACT`: an e-mail address, a web address or plain text; see README).
 * A build-time constant because the statement must be readable without the server (offline copy).
 */
export type AccessibilityContact = { kind: 'email' | 'url' | 'text'; value: string } | null

export function parseAccessibilityContact(raw: string | undefined): AccessibilityContact {
  const value = raw?.trim() ?? ''
  if (value === '') return null
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return { kind: 'email', value }
  if (/^https?:\/\/\S+$/i.test(value)) return { kind: 'url', value }
  return { kind: 'text', value }
}

export const accessibilityContact: AccessibilityContact = parseAccessibilityContact(
  import.meta.env?.VITE_ACCESSIBILITY_CONTACT as string | undefined,
)
