import { useEffect, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { takeOverChoices, type StakeholderRegisterWorkshop } from '../../../../shared/followup/stakeholderRegister'
import { planTakeOverStakeholders } from '../../../../shared/followup/takeOver'
import type { BoardRecord } from '../../../../shared/schema/records/board'
import { snapshotFromStore } from '../../export/workshopSnapshot'
import { useItemsOfKind } from '../../store/hooks'
import type { CommitPlan } from '../../store/useCommitPlan'
import type { WorkshopStore } from '../../store/WorkshopStore'
import { ModalDialog } from '../../ui/ModalDialog'
import { groupLabel } from './groupStyle'
import { fetchStakeholderRegister, recordTakeOver } from './stakeholderRegisterApi'

/** The workshops loaded so far and where the next page starts (null: none left). */
type Load = { status: 'loading' } | { status: 'ready'; workshops: StakeholderRegisterWorkshop[]; next: string | null } | { status: 'failed'; text: string }

interface TakeOverDialogProps {
  store: WorkshopStore
  board: BoardRecord
  workshopId: string
  commit: CommitPlan
  onDone(added: number): void
  onClose(): void
}

/**
 * "Take over stakeholders from an earlier workshop" (issue 17, the stakeholder register that grows):
 * choose one of the workshops the person may see, tick stakeholders (those whose name is already on
 * this map are flagged and cannot be ticked: the take-over would skip them), and take them over
 * with group, contact person and plan row through `planTakeOverStakeholders`: one plan, one undo step.
 * The workshops come a page at a time, newest first; "Load more workshops" adds the next page.
 */
export function TakeOverDialog({ store, board, workshopId, commit, onDone, onClose }: TakeOverDialogProps) {
  const { t, i18n } = useTranslation('stakeholderMap')
  const titleId = useId()
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [sourceId, setSourceId] = useState('')
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set())
  const [error, setError] = useState<string | null>(null)
  const [more, setMore] = useState<'idle' | 'loading' | 'failed'>('idle')
  const here = useItemsOfKind(store, board.id, 'stakeholder')

  useEffect(() => {
    let live = true
    void fetchStakeholderRegister(workshopId).then((result) => {
      if (!live) return
      if (result.ok) return setLoad({ status: 'ready', workshops: result.value.workshops, next: result.value.next })
      const reason = result.status === 0 ? 'offline' : result.status === 401 ? 'signInRequired' : 'unknown'
      setLoad({ status: 'failed', text: t(`takeOver.refusals.${reason}`, { status: result.status }) })
    })
    return () => {
      live = false
    }
  }, [workshopId, t])

  const next = load.status === 'ready' ? load.next : null
  const loadMore = async () => {
    if (next === null) return
    setMore('loading')
    const result = await fetchStakeholderRegister(workshopId, next)
    if (!result.ok) return setMore('failed')
    setMore('idle')
    setLoad((now) => (now.status === 'ready' && now.next === next ? { status: 'ready', workshops: [...now.workshops, ...result.value.workshops], next: result.value.next } : now))
  }

  const source = load.status === 'ready' ? load.workshops.find((w) => w.workshopId === sourceId) : undefined
  const choices = useMemo(() => (source ? takeOverChoices(source.snapshot, here.map((s) => s.name)) : []), [source, here])

  const choose = (id: string) => {
    setSourceId(id)
    setError(null)
    const picked = load.status === 'ready' ? load.workshops.find((w) => w.workshopId === id) : undefined
    const names = store.getItemsOfKind(board.id, 'stakeholder').map((s) => s.name)
    setTicked(new Set(picked ? takeOverChoices(picked.snapshot, names).flatMap((c) => (c.alreadyHere ? [] : [c.stakeholder.id])) : []))
  }
  const toggle = (id: string, on: boolean) =>
    setTicked((now) => {
      const next = new Set(now)
      if (on) next.add(id)
      else next.delete(id)
      return next
    })

  const chosen = choices.filter((c) => !c.alreadyHere && ticked.has(c.stakeholder.id)).map((c) => c.stakeholder.id)
  const takeOver = () => {
    const target = snapshotFromStore(store)
    if (!source || !target) return
    const result = planTakeOverStakeholders(
      { workshopId: source.workshopId, snapshot: source.snapshot },
      { workshopId, snapshot: target, boardId: board.id },
      { newId: () => store.newId(), now: Date.now() },
      new Set(chosen),
    )
    if (!result.ok) return setError(t(`takeOver.refusals.${result.reason}`))
    if (result.added === 0) return setError(t('takeOver.nothingNew'))
    if (!commit(result.plan)) return
    const takenOver = (result.plan.createItems ?? []).flatMap((item) => (item.kind === 'stakeholder' ? [item.id] : []))
    void recordTakeOver(workshopId, source.workshopId, takenOver)
    onDone(result.added)
  }

  const date = (ms: number) => new Date(ms).toLocaleDateString(i18n.language, { year: 'numeric', month: 'short', day: 'numeric' })
  return (
    <ModalDialog labelledBy={titleId} onCancel={onClose} className="sm-takeover" >
      <h2 id={titleId}>{t('takeOver.title')}</h2>
      <p>{t('takeOver.intro')}</p>
      {load.status === 'loading' && <p role="status">{t('takeOver.loading')}</p>}
      {load.status === 'failed' && <p className="notice notice--error" role="alert">{load.text}</p>}
      {load.status === 'ready' && load.workshops.length === 0 && next === null && <p role="status">{t('takeOver.noWorkshops')}</p>}
      {load.status === 'ready' && load.workshops.length > 0 && (
        <div className="sm-field">
          <label className="sm-field__label" htmlFor={`${titleId}-workshop`}>
            {t('takeOver.workshop')}
          </label>
          <select id={`${titleId}-workshop`} value={sourceId} onChange={(e) => choose(e.target.value)} data-testid="takeover-workshop">
            <option value="">{t('takeOver.chooseWorkshop')}</option>
            {load.workshops.map((w) => (
              <option key={w.workshopId} value={w.workshopId}>
                {t('takeOver.workshopOption', { title: w.title || t('takeOver.untitled'), date: date(w.createdAt) })}
              </option>
            ))}
          </select>
        </div>
      )}
      {next !== null && (
        <div className="sm-takeover__more">
          {more === 'failed' && <p className="notice notice--error" role="alert">{t('takeOver.moreFailed')}</p>}
          <button type="button" className="sm-button" onClick={() => void loadMore()} disabled={more === 'loading'} data-testid="takeover-more">
            {more === 'loading' ? t('takeOver.loadingMore') : t('takeOver.loadMore')}
          </button>
        </div>
      )}
      {source && (
        <fieldset className="sm-takeover__list">
          <legend>{t('takeOver.stakeholders', { count: choices.length })}</legend>
          <ul>
            {choices.map(({ stakeholder, groupName, groupPreset, alreadyHere }) => {
              const id = `${titleId}-${stakeholder.id}`
              const group = groupLabel(stakeholder.groupId ? { name: groupName, preset: groupPreset } : undefined, t)
              return (
                <li key={stakeholder.id} className={alreadyHere ? 'sm-takeover__row sm-takeover__row--here' : 'sm-takeover__row'}>
                  <input
                    type="checkbox"
                    id={id}
                    checked={!alreadyHere && ticked.has(stakeholder.id)}
                    disabled={alreadyHere}
                    aria-describedby={alreadyHere ? `${id}-here` : undefined}
                    onChange={(e) => toggle(stakeholder.id, e.target.checked)}
                  />
                  <label htmlFor={id}>
                    <strong>{stakeholder.name || t('unnamed')}</strong>
                    <span className="sm-takeover__detail">
                      {[group, stakeholder.contactPerson, stakeholder.channel].filter((s) => s.trim() !== '').join(' · ')}
                    </span>
                    {alreadyHere && (
                      <span className="sm-takeover__here" id={`${id}-here`}>
                        {t('takeOver.alreadyHere')}
                      </span>
                    )}
                  </label>
                </li>
              )
            })}
          </ul>
        </fieldset>
      )}
      <div role="alert">{error && <p className="notice notice--error">{error}</p>}</div>
      <div className="dialog-actions">
        <button type="button" className="sm-button" onClick={onClose}>
          {t('takeOver.cancel')}
        </button>
        <button type="button" className="sm-button sm-button--primary" disabled={chosen.length === 0} onClick={takeOver} data-testid="takeover-commit">
          {t('takeOver.commit', { count: chosen.length })}
        </button>
      </div>
    </ModalDialog>
  )
}
