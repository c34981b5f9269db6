import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { choseFullBoard, opensPhonePage } from '../access/phoneOrBoard'
import { useWorkshopAccess } from '../access/useWorkshopAccess'
import type { StoredAccess } from '../access/workshopAccess'
import { useWorkshopStore } from '../access/useWorkshopStore'
import { itemInAddress, requestItemFocus } from '../lib/itemFocus'
import { openWorkshopStore } from '../store/WorkshopStore'
import { NameDialog } from '../ui/NameDialog'
import { navigate } from '../lib/navigation'
import { guestNumber, loadUserName, rememberGuestName, saveUserName } from '../lib/userName'
import { NARROW_QUERY } from '../ui/useNarrowScreen'
import { WorkshopView } from './WorkshopView'

/**
 * Waits (briefly) to learn what the link this workshop was opened with is, then opens it; a
 * participant on a phone gets the phone page, as the join code gives (access/phoneOrBoard.ts).
 */
export function WorkshopPage({ workshopId, boardId }: { workshopId: string; boardId: string | null }) {
  const access = useWorkshopAccess(workshopId)
  // Opened from a link to an item (the knowledge bank, the action register, a calendar event): its board shows it.
  useEffect(() => requestItemFocus(itemInAddress(location.search)), [])
  if (access.status === 'checking') return null
  if (opensPhonePage(access.access?.role ?? null, window.matchMedia(NARROW_QUERY).matches, choseFullBoard(workshopId))) {
    return <ToPhonePage workshopId={workshopId} />
  }
  return <OpenWorkshop workshopId={workshopId} boardId={boardId} access={access.access} />
}

function ToPhonePage({ workshopId }: { workshopId: string }) {
  useEffect(() => navigate({ page: 'phone', workshopId }, { replace: true }), [workshopId])
  return null
}

/** Owns the one store for the open workshop and the person's name; the view below only renders. */
function OpenWorkshop({ workshopId, boardId, access }: { workshopId: string; boardId: string | null; access: StoredAccess | null }) {
  const { t } = useTranslation('app')
  const [savedName, setSavedName] = useState(() => loadUserName(workshopId))
  const [guestName] = useState(() => t('name.guest', { number: guestNumber() }))
  const [nameDialog, setNameDialog] = useState<'first' | 'change' | null>(() => (loadUserName(workshopId) === null ? 'first' : null))
  const name = savedName ?? guestName
  const store = useWorkshopStore(workshopId, access, loadUserName(workshopId) ?? guestName, openWorkshopStore)

  useEffect(() => {
    store?.setUserName(name)
  }, [store, name])

  function finishNameDialog(chosen: string | null) {
    const next = chosen ?? (nameDialog === 'first' ? guestName : null)
    if (next) {
      // Skipped: the guest's number is this workshop's, not the name the next workshop starts with.
      if (next === guestName) rememberGuestName(workshopId, next)
      else saveUserName(next, workshopId)
      setSavedName(next)
    }
    setNameDialog(null)
  }

  return (
    <>
      {store && (
        <WorkshopView
          store={store}
          workshopId={workshopId}
          boardId={boardId}
          userName={name}
          onChangeName={() => setNameDialog('change')}
        />
      )}
      {nameDialog && (
        <NameDialog
          initialName={nameDialog === 'first' ? '' : name}
          guestName={guestName}
          firstTime={nameDialog === 'first'}
          onDone={finishNameDialog}
        />
      )}
    </>
  )
}
