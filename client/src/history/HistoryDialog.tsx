import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import {
  countRecords,
  diffCounts,
  HISTORY_LABEL_MAX,
  planRestore,
  validateHistoryLabel,
  type CountsDiff,
  type HistoryCounts,
} from '../../../shared/logic/history'
import type { ItemRecord } from '../../../shared/schema/schema'
import { ModalDialog } from '../ui/ModalDialog'
import { formatDateTime } from '../i18n/format'
import { useCommitPlan } from '../store/useCommitPlan'
import type { WorkshopStore } from '../store/WorkshopStore'
import {
  createCheckpoint,
  fetchHistory,
  fetchSnapshot,
  type HistoryEntry,
  type HistoryResult,
  type HistorySnapshot,
} from './historyClient'
import { readCurrentRecords, useCurrentRecords } from './useCurrentRecords'
import './history.css'

interface HistoryDialogProps {
  store: WorkshopStore
  workshopId: string
  onClose: () => void
}

type View = { name: 'list' } | { name: 'detail'; id: string } | { name: 'confirm'; id: string }

/** The most items listed per board in the read-only contents, so a big board stays readable. */
const CONTENTS_PER_BOARD = 12

/**
 * The workshop's history: the list of snapshots, "make a checkpoint", a read-only view of one
 * snapshot (counts then and now, what differs, its contents as text) and restore with a
 * confirmation. Restoring first checkpoints the present, then applies planRestore as one plan.
 * Shows counts and an outline rather than the live board components: the boards read the live
 * store, and a second read-only store would mean a second document in memory for a glance.
 */
export function HistoryDialog({ store, workshopId, onClose }: HistoryDialogProps) {
  const { t, i18n } = useTranslation('history')
  const titleId = useId()
  const introId = useId()
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null)
  const [listError, setListError] = useState<string | null>(null)
  const [view, setView] = useState<View>({ name: 'list' })
  const [snapshot, setSnapshot] = useState<HistorySnapshot | null>(null)
  const [snapshotError, setSnapshotError] = useState<string | null>(null)
  const [status, setStatus] = useState('')
  const [busy, setBusy] = useState(false)
  const commit = useCommitPlan(store, (error) => setSnapshotError(t('restore.rejected', { message: error.message })))
  const headingRef = useRef<HTMLHeadingElement>(null)
  const current = useCurrentRecords(store)
  const nowCounts = useMemo(() => countRecords(current), [current])

  const formatTime = useCallback(
    (ms: number) => formatDateTime(ms, i18n.language),
    [i18n.language],
  )
  const describeFailure = useCallback(
    (result: Exclude<HistoryResult<unknown>, { ok: true }>) =>
      result.kind === 'network'
        ? t('error.network')
        : result.status === 404
          ? t('error.notFound')
          : result.message
            ? t('error.server', { message: result.message })
            : t('error.unknown', { status: result.status }),
    [t],
  )

  const reload = useCallback(async () => {
    const result = await fetchHistory(workshopId)
    if (result.ok) {
      setEntries(result.value)
      setListError(null)
    } else {
      setListError(describeFailure(result))
    }
  }, [workshopId, describeFailure])

  useEffect(() => {
    void reload()
  }, [reload])

  // A new view moves focus to its heading, so keyboard and screen reader users land in it.
  useEffect(() => {
    headingRef.current?.focus()
  }, [view.name])

  const selectedId = view.name === 'list' ? null : view.id
  useEffect(() => {
    if (selectedId === null) return
    const controller = new AbortController()
    setSnapshot(null)
    setSnapshotError(null)
    void fetchSnapshot(workshopId, selectedId, controller.signal).then((result) => {
      if (controller.signal.aborted) return
      if (result.ok) setSnapshot(result.value)
      else setSnapshotError(describeFailure(result))
    })
    return () => controller.abort()
  }, [workshopId, selectedId, describeFailure])

  const entry = entries?.find((e) => e.id === selectedId) ?? snapshot?.entry ?? null
  const entryLabel = (e: HistoryEntry) => (e.kind === 'checkpoint' ? e.label : t('autoLabel'))
  const diff = useMemo(() => (snapshot ? diffCounts(nowCounts, countRecords(snapshot)) : null), [snapshot, nowCounts])

  async function restore() {
    if (!snapshot) return
    setBusy(true)
    setStatus('')
    // Keep what is about to be replaced: no restore without this checkpoint.
    const before = t('restore.beforeLabel', { time: formatTime(Date.now()) }).slice(0, HISTORY_LABEL_MAX)
    const saved = await createCheckpoint(workshopId, before, snapshot.entry.id)
    if (!saved.ok) {
      setBusy(false)
      setSnapshotError(describeFailure(saved))
      return
    }
    const restored = commit(planRestore(readCurrentRecords(store), snapshot))
    setBusy(false)
    if (!restored) return
    setStatus(t('restore.done', { time: formatTime(snapshot.entry.createdAt), label: saved.value.label }))
    setView({ name: 'list' })
    await reload()
  }

  return (
    <ModalDialog labelledBy={titleId} describedBy={view.name === 'list' ? introId : undefined} onCancel={onClose} className="history-dialog modal--tall">
      <div className="history-dialog__header">
        <h2 id={titleId} ref={headingRef} tabIndex={-1}>
          {view.name === 'list' || !entry
            ? t('title')
            : view.name === 'confirm'
              ? t('restore.confirmTitle', { label: entryLabel(entry) })
              : t('detail.heading', { label: entryLabel(entry) })}
        </h2>
        <button type="button" className="button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      <p role="status" className="history-dialog__status">
        {status}
      </p>

      {view.name === 'list' && (
        <>
          <p id={introId} className="history-dialog__intro">
            {t('intro')}
          </p>
          <CheckpointForm
            workshopId={workshopId}
            onCreated={(created) => {
              setStatus(t('checkpoint.created', { label: created.label }))
              void reload()
            }}
            describeFailure={describeFailure}
          />
          {listError && (
            <p role="alert" className="history-dialog__error">
              {listError}
            </p>
          )}
          {entries === null && !listError ? (
            <p aria-busy="true">{t('loading')}</p>
          ) : entries && entries.length === 0 ? (
            <p>{t('empty')}</p>
          ) : (
            <ul className="history-list">
              {entries?.map((e) => {
                const summary = t('summary', { boards: e.counts.boards, items: e.counts.items })
                return (
                  <li key={e.id}>
                    <button
                      type="button"
                      className={`history-list__entry history-list__entry--${e.kind}`}
                      onClick={() => {
                        setStatus('')
                        setView({ name: 'detail', id: e.id })
                      }}
                    >
                      <span className="history-list__label">{entryLabel(e)}</span>
                      <span className="history-list__meta">
                        <span className={`history-kind history-kind--${e.kind}`}>{t(`kind.${e.kind}`)}</span>
                        <time dateTime={new Date(e.createdAt).toISOString()}>{formatTime(e.createdAt)}</time>
                      </span>
                      <span className="history-list__summary">{summary}</span>
                    </button>
                  </li>
                )
              })}
            </ul>
          )}
        </>
      )}

      {view.name !== 'list' && (
        <>
          {entry && <p className="history-dialog__intro">{t('detail.savedAt', { time: formatTime(entry.createdAt) })}</p>}
          {snapshotError && (
            <p role="alert" className="history-dialog__error">
              {snapshotError}
            </p>
          )}
          {!snapshot && !snapshotError && <p aria-busy="true">{t('loading')}</p>}
          {snapshot && diff && view.name === 'detail' && (
            <SnapshotDetail snapshot={snapshot} now={nowCounts} diff={diff} />
          )}
          {snapshot && diff && view.name === 'confirm' && (
            <>
              <p>{t('restore.confirmBody', { time: formatTime(snapshot.entry.createdAt) })}</p>
              {diff.same ? <p>{t('restore.noChanges')}</p> : <DifferenceList diff={diff} mode="restore" heading={t('restore.changes')} />}
            </>
          )}
          <div className="dialog-actions history-dialog__actions">
            {view.name === 'detail' ? (
              <>
                <button type="button" className="button" onClick={() => setView({ name: 'list' })}>
                  {t('back')}
                </button>
                <button
                  type="button"
                  className="button button--primary"
                  disabled={!snapshot}
                  onClick={() => setView({ name: 'confirm', id: view.id })}
                >
                  {t('restore.button')}
                </button>
              </>
            ) : (
              <>
                <button type="button" className="button" disabled={busy} onClick={() => setView({ name: 'detail', id: view.id })}>
                  {t('restore.cancel')}
                </button>
                <button type="button" className="button button--danger" disabled={!snapshot || busy} onClick={() => void restore()}>
                  {busy ? t('restore.working') : t('restore.confirm')}
                </button>
              </>
            )}
          </div>
        </>
      )}
    </ModalDialog>
  )
}

function CheckpointForm({
  workshopId,
  onCreated,
  describeFailure,
}: {
  workshopId: string
  onCreated: (entry: HistoryEntry) => void
  describeFailure: (result: Exclude<HistoryResult<unknown>, { ok: true }>) => string
}) {
  const { t } = useTranslation('history')
  const [label, setLabel] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const errorId = useId()

  async function submit(event: FormEvent) {
    event.preventDefault()
    const valid = validateHistoryLabel(label)
    if (!valid.ok) {
      setError(label.trim() === '' ? t('checkpoint.empty') : t('checkpoint.tooLong', { max: HISTORY_LABEL_MAX }))
      return
    }
    setSaving(true)
    const result = await createCheckpoint(workshopId, valid.value)
    setSaving(false)
    if (!result.ok) {
      // The typed label stays, so nothing is lost: try again.
      setError(describeFailure(result))
      return
    }
    setError(null)
    setLabel('')
    onCreated(result.value)
  }

  return (
    <form className="history-checkpoint" onSubmit={(e) => void submit(e)} noValidate>
      <label className="field history-checkpoint__field">
        <span className="field__label">{t('checkpoint.label')}</span>
        <input
          value={label}
          maxLength={HISTORY_LABEL_MAX + 20}
          placeholder={t('checkpoint.placeholder')}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => {
            setLabel(e.target.value)
            if (error) setError(null)
          }}
        />
      </label>
      <button type="submit" className="button button--primary" disabled={saving}>
        {saving ? t('checkpoint.creating') : t('checkpoint.create')}
      </button>
      {error && (
        <p id={errorId} role="alert" className="field__error history-checkpoint__error">
          {error}
        </p>
      )}
    </form>
  )
}

function SnapshotDetail({ snapshot, now, diff }: { snapshot: HistorySnapshot; now: HistoryCounts; diff: CountsDiff }) {
  const { t } = useTranslation('history')
  const then = countRecords(snapshot)
  const itemsByBoard = new Map<string, ItemRecord[]>()
  for (const item of snapshot.items) {
    const list = itemsByBoard.get(item.boardId) ?? []
    list.push(item)
    itemsByBoard.set(item.boardId, list)
  }
  return (
    <div className="history-detail">
      <p className="history-detail__readonly">{t('detail.readOnly')}</p>
      <table className="history-counts">
        <caption>{t('detail.countsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('detail.what')}</th>
            <th scope="col">{t('detail.then')}</th>
            <th scope="col">{t('detail.now')}</th>
          </tr>
        </thead>
        <tbody>
          <tr className={then.boards !== now.boards ? 'history-counts__changed' : undefined}>
            <th scope="row">{t('detail.boards')}</th>
            <td>{then.boards}</td>
            <td>{now.boards}</td>
          </tr>
          {diff.kinds.map((k) => (
            <tr key={k.kind} className={k.then !== k.now ? 'history-counts__changed' : undefined}>
              <th scope="row">{t(`kinds.${k.kind}`)}</th>
              <td>{k.then}</td>
              <td>{k.now}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {diff.same ? <p>{t('detail.same')}</p> : <DifferenceList diff={diff} mode="since" heading={t('detail.differences')} />}
      <h3 className="history-detail__subheading">{t('detail.contents')}</h3>
      <ul className="history-contents">
        {snapshot.boards.map((board) => {
          const items = (itemsByBoard.get(board.id) ?? []).flatMap((item) => {
            const text = itemText(item)
            return text ? [{ id: item.id, kind: item.kind, text }] : []
          })
          return (
            <li key={board.id}>
              <strong>{board.title}</strong>
              {items.length === 0 ? (
                <p className="history-contents__empty">{t('detail.noItems')}</p>
              ) : (
                <ul>
                  {items.slice(0, CONTENTS_PER_BOARD).map((item) => (
                    <li key={item.id}>{item.text}</li>
                  ))}
                  {items.length > CONTENTS_PER_BOARD && <li>{t('detail.more', { count: items.length - CONTENTS_PER_BOARD })}</li>}
                </ul>
              )}
            </li>
          )
        })}
      </ul>
    </div>
  )
}

/** What differs, either as what happened since then ("since") or as what a restore will do ("restore"). */
function DifferenceList({ diff, heading, mode }: { diff: CountsDiff; heading: string; mode: 'since' | 'restore' }) {
  const { t } = useTranslation('history')
  const prefix = mode === 'since' ? 'detail' : 'restore'
  const lines: string[] = [
    ...diff.boardsAddedSince.map((b) => t(mode === 'since' ? 'detail.boardAdded' : 'restore.boardRemoved', { title: b.title })),
    ...diff.boardsRemovedSince.map((b) => t(mode === 'since' ? 'detail.boardRemoved' : 'restore.boardBack', { title: b.title })),
    ...diff.boardsChanged.map((b) => t(`${prefix}.boardChanged`, { title: b.title, then: b.then, now: b.now })),
    ...diff.kinds
      .filter((k) => k.then !== k.now)
      .map((k) => t(`${prefix}.kindChanged`, { kind: t(`kinds.${k.kind}`), then: k.then, now: k.now })),
  ]
  return (
    <div className="history-differences">
      <h3 className="history-detail__subheading">{heading}</h3>
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  )
}

/** The words of an item, for the read-only contents; items without words are counted only. */
function itemText(item: ItemRecord): string {
  const record = item as ItemRecord & { text?: unknown; name?: unknown }
  const value = typeof record.text === 'string' ? record.text : typeof record.name === 'string' ? record.name : ''
  return value.trim().replace(/\s+/g, ' ').slice(0, 140)
}
