/**
 * The transaction origin of this person's own edits: the undo history tracks only it (undo never
 * takes back someone else's work) and the transport counts its updates while offline. Changes
 * from the server carry the provider as origin, the IndexedDB copy its persistence object.
 */
export const LocalOrigin = { kind: 'local' } as const
