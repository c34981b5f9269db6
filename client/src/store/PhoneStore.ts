import { itemReaderOf } from '../../../shared/doc/readRecords'
import { validateCard } from '../../../shared/schema/records/card'
import { validateNote } from '../../../shared/schema/records/note'
import { readLiveSession } from '../../../shared/schema/records/session'
import { WorkshopConnection, type WorkshopStoreOptions } from './WorkshopConnection'

/**
 * The phone page's store: the workshop's notes and cards (what the phone lists and votes on), the
 * boards, the settings and the facilitator's live state, all validated as the board's store does;
 * no other kind of item is read, and of the session not the kept votes (the minutes' business). The phone writes no records into the document: a note, a vote
 * and an erasure are commands (shared/facilitation/commands.ts) that the server checks, applies
 * and answers with a named reason. So the phone loads neither the planners, nor undo, nor the
 * other kinds' validators and migrations (tests/e2e/phoneBudget.test.ts).
 */
export class PhoneStore extends WorkshopConnection {
  constructor(options: WorkshopStoreOptions) {
    // It writes nothing into the document, so other tabs have nothing to hear from it but the whole
    // document, which y-websocket would encode and post to them on every connect (Transport.ts).
    // Its note box needs nothing from the document: the stored copy waits until the page is painted
    // and the person is not typing (whenPageIsIdle.ts).
    super({ ...options, shareAcrossTabs: false, readLocalCopyWhenIdle: true }, itemReaderOf({ note: validateNote, card: validateCard }), readLiveSession)
  }
}

/** The phone page's store, for `useWorkshopStore`. */
export function openPhoneStore(options: WorkshopStoreOptions): PhoneStore {
  return new PhoneStore(options)
}
