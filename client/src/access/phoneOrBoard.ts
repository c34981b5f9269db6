import type { Role } from '../../../shared/access'

const FULL_BOARD_KEY = 'samskap.fullBoard.'

/**
 * Whether a workshop link opens the phone page instead of the board: for a participant on a
 * phone-sized screen, who did not ask for the full board in this tab. A participant link and the
 * join code then give the same person the same page; the facilitator and observers keep the board,
 * and a role not known yet (offline on a first visit) keeps the board as the link said.
 */
export function opensPhonePage(role: Role | null, phoneSized: boolean, choseFullBoard: boolean): boolean {
  return role === 'participant' && phoneSized && !choseFullBoard
}

/** This tab asked for the whole board of this workshop ("Åpne hele tavla" on the phone page). */
export function choseFullBoard(workshopId: string): boolean {
  try {
    return sessionStorage.getItem(FULL_BOARD_KEY + workshopId) === '1'
  } catch {
    return false
  }
}

export function chooseFullBoard(workshopId: string): void {
  try {
    sessionStorage.setItem(FULL_BOARD_KEY + workshopId, '1')
  } catch {
    // No storage: the link is followed once, and the next visit opens the phone page again.
  }
}

/** "Back to the phone page" from the full board: the next visit in this tab opens the phone page again. */
export function forgetFullBoard(workshopId: string): void {
  try {
    sessionStorage.removeItem(FULL_BOARD_KEY + workshopId)
  } catch {
    // No storage: nothing was kept.
  }
}
