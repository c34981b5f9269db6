/**
 * The element phone.html's note box is in, before the scripts run (phoneShell.ts writes it at build
 * time with this id). React's box takes over from it.
 */
export const PHONE_SHELL_ID = 'phone-shell'

/** What the resident did in the box before the app was there. */
export interface StaticNoteBox {
  /** The box itself, out of the page: its value, selection and direction. */
  box: HTMLTextAreaElement
  /** It had the focus: the app's box takes it, with the same selection. */
  focused: boolean
  /** "Add" was tapped: the app sends the text once. */
  submitted: boolean
}

/**
 * Takes the box in the HTML out of the page (and with it the rule that hides React's page), once:
 * afterwards it returns null. Called while React commits, before the browser paints, so the
 * resident sees one box throughout.
 */
export function takeStaticNoteBox(): StaticNoteBox | null {
  const shell = document.getElementById(PHONE_SHELL_ID)
  const box = shell?.querySelector('textarea')
  const taken = box ? { box, focused: document.activeElement === box, submitted: shell!.querySelector('[data-submitted]') !== null } : null
  shell?.remove()
  return taken
}
