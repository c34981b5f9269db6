import type { IncomingMessage } from 'node:http'

/**
 * The seam between staff sign-in and what staff see across workshops (the knowledge bank's search,
 * the action register): from the request's session it says who is asking and which workshops they
 * may see (`server/staff/staffWorkshopsVisibleTo.ts`: owned and co-facilitated, an administrator's
 * all); null when nobody is signed in, and the cross-workshop endpoints answer 401. Tests may pass
 * the set explicitly.
 */
export type WorkshopsVisibleTo = (request: IncomingMessage) => Promise<VisibleWorkshops | null>

export interface VisibleWorkshops {
  /** The staff member asking: whose name the audit log writes for a change made from the register. */
  staffId: string
  /** As the person writes their name in an action's owner field: "mine" in the register. */
  name: string
  /** Every workshop the person may see (search and the register look only here). */
  workshopIds: readonly string[]
  /** The ones they own or co-facilitate: "my workshops" in the register. */
  ownWorkshopIds: readonly string[]
}
