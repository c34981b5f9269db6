import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AccessibilityLink } from '../a11y/AccessibilityLink'
import { Announcer } from '../a11y/Announcer'
import { AddBoardMenu, useTemplateTitles } from '../boards/AddBoardMenu'
import { BoardView } from '../boards/BoardView'
import { ExportButton } from '../export/ExportButton'
import { HistoryButton } from '../history/HistoryButton'
import type { BoardChoice } from '../../../shared/logic/templates'
import { applyWorkshopLanguage } from '../i18n/i18n'
import { useBoards, useConnection, useLocallyLoaded, usePeers, useWorkshopMeta } from '../store/hooks'
import type { WorkshopStore } from '../store/WorkshopStore'
import { BoardMenu } from './BoardMenu'
import { BoardTabs } from './BoardTabs'
import { Brand } from '../ui/Brand'
import { ConnectionIndicator } from '../ui/ConnectionIndicator'
import { DeleteBoardDialog } from './DeleteBoardDialog'
import { NotesIllustration } from '../ui/icons'
import { LanguageSwitch } from '../ui/LanguageSwitch'
import { navigate, onLinkClick } from '../lib/navigation'
import { routeToUrl } from '../lib/route'
import { OfflineMenu } from '../offline/OfflineMenu'
import { PeopleList } from './PeopleList'
import { loadRecent, rememberWorkshop, saveRecent } from './recentWorkshops'
import { RefusedBanner } from '../ui/RefusedBanner'
import { ShareButton } from './ShareButton'
import { MoreMenu } from './MoreMenu'
import { useNarrowScreen } from '../ui/useNarrowScreen'
import { BackToPhonePage } from '../access/BackToPhonePage'
import { FacilitationButton } from '../facilitation/FacilitationButton'
import { SessionBar } from '../session/SessionBar'
import { SessionNotices } from '../session/SessionNotices'
import { useRole } from '../session/useRole'

interface WorkshopViewProps {
  store: WorkshopStore
  workshopId: string
  boardId: string | null
  userName: string
  onChangeName: () => void
}

export function WorkshopView({ store, workshopId, boardId, userName, onChangeName }: WorkshopViewProps) {
  const { t } = useTranslation('app')
  const meta = useWorkshopMeta(store)
  const boards = useBoards(store)
  const peers = usePeers(store)
  const connection = useConnection(store)
  const locallyLoaded = useLocallyLoaded(store)
  const [editingId, setEditingId] = useState<string | null>(null)
  const [deleteId, setDeleteId] = useState<string | null>(null)
  const panelId = useId()
  // Below 700 px the tools beyond status and people fold into "Mer" (one instance of each, never both).
  const narrow = useNarrowScreen()
  // Boards (adding, renaming, ordering, deleting) and the history are the facilitator's; the server refuses them from others.
  const role = useRole(store)
  const facilitator = role === 'facilitator'

  const selected = boards.find((b) => b.id === boardId) ?? boards[0]
  const selectedIndex = selected ? boards.indexOf(selected) : -1
  const title = meta?.title || t('workshop.untitled')
  // Nothing to show yet: neither this browser's copy nor the server's has arrived.
  const loading =
    meta === null && boards.length === 0 && connection.status !== 'refused' && (connection.status !== 'connected' || !locallyLoaded)

  const goToBoard = (id: string, replace = false) => navigate({ page: 'workshop', workshopId, boardId: id }, { replace })

  // Correct the address to the board actually shown, but only once the server has answered:
  // a link to a board that has not synced yet must not be rewritten to the first board.
  const synced = connection.status === 'connected'
  useEffect(() => {
    if (selected && selected.id !== boardId && (synced || boardId === null)) {
      navigate({ page: 'workshop', workshopId, boardId: selected.id }, { replace: true })
    }
  }, [selected, boardId, synced, workshopId])

  // A participant who never chose a language sees the one the workshop was created in.
  const workshopLanguage = meta?.language
  useEffect(() => {
    if (workshopLanguage) applyWorkshopLanguage(workshopLanguage)
  }, [workshopLanguage])

  useEffect(() => {
    store.setViewedBoard(selected?.id ?? null)
  }, [store, selected?.id])

  useEffect(() => {
    document.title = meta ? t('workshop.documentTitle', { title: title }) : t('home.documentTitle')
  }, [meta, title, t])

  useEffect(() => {
    if (meta) saveRecent(rememberWorkshop(loadRecent(), { id: workshopId, title: meta.title, lastOpened: Date.now() }))
  }, [meta, workshopId])

  const templateTitles = useTemplateTitles()
  function addBoard(choice: BoardChoice) {
    const id = store.addBoardFromTemplate(choice, templateTitles)
    goToBoard(id)
  }

  function moveBoard(id: string, toIndex: number) {
    store.moveBoard(id, toIndex)
  }

  const deleting = boards.find((b) => b.id === deleteId)

  const nameButton = (onClick: () => void) => (
    <button type="button" className="button name-button" onClick={onClick} aria-label={t('name.changeButton', { name: userName })}>
      <span className="people__dot" style={{ background: store.getSelfColor() }} aria-hidden="true" />
      <span className="name-button__text">{userName}</span>
    </button>
  )

  return (
    <div className="workshop">
      <header className="topbar">
        <div className="topbar__row">
          <Brand compact />
          <h1 className="topbar__title" title={title}>
            {loading ? t('workshop.loadingTitle') : title}
          </h1>
          <div className="topbar__tools">
            <SessionBar store={store} />
            <ConnectionIndicator connection={connection} />
            <PeopleList peers={peers} self={{ name: userName, color: store.getSelfColor(), role }} />
            {narrow ? (
              <MoreMenu>
                {(closeMenu) => (
                  <>
                    {facilitator && <FacilitationButton store={store} workshopId={workshopId} boardId={selected?.id ?? null} />}
                    {facilitator && <ShareButton workshopId={workshopId} />}
                    <ExportButton store={store} workshopId={workshopId} boardId={selected?.id ?? null} />
                    {facilitator && <HistoryButton store={store} workshopId={workshopId} />}
                    <OfflineMenu store={store} workshopId={workshopId} />
                    {nameButton(() => {
                      closeMenu()
                      onChangeName()
                    })}
                    <LanguageSwitch />
                    {/* On a phone, the page made for phones: the question, a note box and the vote, no canvas. */}
                    {!facilitator && (
                      <a
                        href={routeToUrl({ page: 'phone', workshopId })}
                        className="more-menu__link"
                        onClick={onLinkClick({ page: 'phone', workshopId })}
                      >
                        {t('more.phoneView')}
                      </a>
                    )}
                    <AccessibilityLink className="more-menu__link" />
                  </>
                )}
              </MoreMenu>
            ) : (
              <>
                {facilitator && <FacilitationButton store={store} workshopId={workshopId} boardId={selected?.id ?? null} />}
                {facilitator && <HistoryButton store={store} workshopId={workshopId} />}
                <ExportButton store={store} workshopId={workshopId} boardId={selected?.id ?? null} />
                {facilitator && <ShareButton workshopId={workshopId} />}
                <OfflineMenu store={store} workshopId={workshopId} />
                {nameButton(onChangeName)}
                {/* In the row, as a globe and the language's code: the bar is one row from 1280 px. */}
                <LanguageSwitch compact />
              </>
            )}
          </div>
          {!narrow && boards.length === 0 && <AccessibilityLink className="topbar__a11y-link" />}
        </div>
        {boards.length > 0 && (
          <div className="boardbar">
            <BoardTabs
              boards={boards}
              selectedId={selected?.id}
              editingId={editingId}
              panelId={panelId}
              editable={facilitator}
              onSelect={(id) => goToBoard(id)}
              onStartRename={setEditingId}
              onRename={(id, value) => {
                setEditingId(null)
                const trimmed = value?.trim()
                if (trimmed) store.renameBoard(id, trimmed)
                requestAnimationFrame(() => document.getElementById(`board-tab-${id}`)?.focus())
              }}
              onMove={moveBoard}
              onRequestDelete={setDeleteId}
            />
            {selected && facilitator && (
              <BoardMenu
                boardTitle={selected.title || t('boards.untitled')}
                canMoveLeft={selectedIndex > 0}
                canMoveRight={selectedIndex < boards.length - 1}
                onRename={() => setEditingId(selected.id)}
                onMoveLeft={() => moveBoard(selected.id, selectedIndex - 1)}
                onMoveRight={() => moveBoard(selected.id, selectedIndex + 1)}
                onDelete={() => setDeleteId(selected.id)}
              />
            )}
            {facilitator && <AddBoardMenu onAdd={addBoard} />}
            {/* On the tab row, where there is room: the top bar is full on a laptop screen. */}
            {!narrow && <AccessibilityLink className="topbar__a11y-link boardbar__a11y-link" />}
          </div>
        )}
        {narrow && role === 'participant' && <BackToPhonePage workshopId={workshopId} />}
      </header>

      <SessionNotices store={store} workshopId={workshopId} boardId={selected?.id ?? null} />
      <main
        className="workshop__body"
        id={panelId}
        role={selected ? 'tabpanel' : undefined}
        aria-labelledby={selected ? `board-tab-${selected.id}` : undefined}
      >
        {connection.status === 'refused' && boards.length === 0 ? null : loading ? (
          <div className="placeholder" aria-busy="true">
            <span className="spinner" aria-hidden="true" />
            <p>{t('workshop.loading')}</p>
          </div>
        ) : selected ? (
          <BoardView key={selected.id} store={store} board={selected} />
        ) : (
          <div className="placeholder empty-state">
            <NotesIllustration />
            <h2>{t('workshop.emptyTitle')}</h2>
            <p>{t('workshop.emptyBody')}</p>
            {facilitator && <AddBoardMenu onAdd={addBoard} className="button button--primary button--large" />}
          </div>
        )}
      </main>
      <Announcer store={store} boardId={selected?.id ?? null} />

      {connection.status === 'refused' && <RefusedBanner code={connection.code} reason={connection.reason} />}
      {deleting && (
        <DeleteBoardDialog
          title={deleting.title || t('boards.untitled')}
          itemCount={store.getItemIds(deleting.id).length}
          onCancel={() => setDeleteId(null)}
          onConfirm={() => {
            const index = boards.indexOf(deleting)
            const neighbour = boards[index + 1] ?? boards[index - 1]
            store.deleteBoard(deleting.id)
            setDeleteId(null)
            if (deleting.id === selected?.id && neighbour) goToBoard(neighbour.id, true)
          }}
        />
      )}
    </div>
  )
}
