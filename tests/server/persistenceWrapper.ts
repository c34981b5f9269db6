import type { Persistence } from '../../server/persistence/Persistence'

/**
 * `inner` with some methods replaced: a test slows a load or a write, or watches what is committed,
 * and everything else goes to the real storage.
 */
export function wrapPersistence(inner: Persistence, replaced: Partial<Persistence>): Persistence {
  return {
    createWorkshop: (row, state, access) => inner.createWorkshop(row, state, access),
    getAccess: (id) => inner.getAccess(id),
    findAccessByCode: (code) => inner.findAccessByCode(code),
    updateAccess: (row) => inner.updateAccess(row),
    insertAccessIfMissing: (row) => inner.insertAccessIfMissing(row),
    listAccessRows: () => inner.listAccessRows(),
    replaceAccessIf: (expected, next) => inner.replaceAccessIf(expected, next),
    scrubReplacedAccess: () => inner.scrubReplacedAccess(),
    addRemovedParticipants: (id, participantIds) => inner.addRemovedParticipants(id, participantIds),
    listRemovedParticipants: (id) => inner.listRemovedParticipants(id),
    getServerSetting: (name) => inner.getServerSetting(name),
    putServerSettingIfMissing: (name, value) => inner.putServerSettingIfMissing(name, value),
    getWorkshop: (id) => inner.getWorkshop(id),
    getWorkshops: (ids) => inner.getWorkshops(ids),
    getWorkshopAccess: (id) => inner.getWorkshopAccess(id),
    loadDocument: (id) => inner.loadDocument(id),
    appendUpdates: (id, updates) => inner.appendUpdates(id, updates),
    compact: (id, snapshot, upto) => inner.compact(id, snapshot, upto),
    close: () => inner.close(),
    ...replaced,
  }
}
