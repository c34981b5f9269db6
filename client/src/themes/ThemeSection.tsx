import { useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isCanvasItem } from '../../../shared/logic/canvasItems'
import { planThemeClusters } from '../../../shared/logic/themeClusters'
import { currentGrouping, dissolveTheme, mergeThemes, renameTheme, suggestThemes, THEME_LABEL_MAX, type Theme, type ThemeGrouping } from '../../../shared/logic/themes'
import { useCommitPlan } from '../store/useCommitPlan'
import { PanelSection, type SectionProps } from '../facilitation/PanelSection'
import { loadLanguageTools } from '../presentation/useLanguageTools'
import { useBoards, useItemsOfKind, useWorkshopMeta } from '../store/hooks'
import { setThemeDraft, useThemeDraft } from './themeDrafts'
import './themes.css'

/** Notes shown under each theme before "and 3 more". */
const SAMPLES = 3

type Status = { kind: 'idle' } | { kind: 'loading' } | { kind: 'done'; groups: number } | { kind: 'error'; message: string }

/**
 * "Tema": groups the notes of a free canvas by theme. Samskap suggests themes from the words the
 * notes share (shared/logic/themes.ts, in this browser: no note leaves it); the facilitator renames,
 * merges or takes themes apart, then lays the notes out on the board in labelled clusters, as one
 * plan (one undo step). Notes in no theme go under "Andre".
 */
export function ThemeSection({ store, boardId, open, onToggle }: SectionProps) {
  const { t, i18n } = useTranslation('themes')
  const boards = useBoards(store)
  const meta = useWorkshopMeta(store)
  const canvases = boards.filter((b) => b.template === 'canvas')
  const [chosen, setChosen] = useState<string | null>(null)
  const board = canvases.find((b) => b.id === chosen) ?? canvases.find((b) => b.id === boardId) ?? canvases[0]
  const targetId = board?.id ?? ''
  const notes = useItemsOfKind(store, targetId, 'note')
  const saved = useThemeDraft(store, targetId)
  const draft = useMemo(() => (saved ? currentGrouping(saved, notes) : null), [saved, notes])
  const [selected, setSelected] = useState<readonly string[]>([])
  const [status, setStatus] = useState<Status>({ kind: 'idle' })
  const commit = useCommitPlan(store, (error) => setStatus({ kind: 'error', message: t('refused', { reason: error.message }) }))
  const id = useId()
  const texts = useMemo(() => new Map(notes.map((n) => [n.id, n.text.trim()])), [notes])

  const update = (next: ThemeGrouping | null) => setThemeDraft(store, targetId, next)

  async function suggest() {
    setStatus({ kind: 'loading' })
    try {
      const tools = await loadLanguageTools(meta?.language ?? i18n.language)
      const ordered = [...notes].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
      update(suggestThemes(ordered.map((n) => ({ id: n.id, text: n.text })), tools))
      setSelected([])
      setStatus({ kind: 'idle' })
    } catch (error) {
      console.warn('[samskap] theme suggestion failed', error)
      setStatus({ kind: 'error', message: t('loadFailed') })
    }
  }

  function layOut(grouping: ThemeGrouping) {
    const items = store.getItemIds(targetId).map((itemId) => store.getItem(itemId)).filter(isCanvasItem)
    const groups = [...grouping.themes.map((theme) => ({ label: theme.label, noteIds: theme.noteIds })), { label: t('other'), noteIds: grouping.ungrouped }]
    const plan = planThemeClusters({ boardId: targetId, items, groups, newId: () => store.newId(), now: Date.now() })
    if (commit(plan)) {
      update(null)
      setSelected([])
      setStatus({ kind: 'done', groups: groups.filter((g) => g.noteIds.length > 0).length })
    }
  }

  const sectionStatus = draft ? t('status', { count: draft.themes.length }) : undefined
  return (
    <PanelSection title={t('title')} status={sectionStatus} open={open} onToggle={onToggle} testId="facilitation-themes">
      {!board ? (
        <p className="facilitation__hint">{t('noCanvas')}</p>
      ) : (
        <>
          {canvases.length > 1 && (
            <div className="facilitation-field">
              <label htmlFor={`${id}-board`}>{t('board')}</label>
              <select id={`${id}-board`} value={targetId} onChange={(e) => setChosen(e.target.value)}>
                {canvases.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.title || t('app:boards.untitled')}
                  </option>
                ))}
              </select>
            </div>
          )}
          {!draft ? (
            <>
              <p className="facilitation__hint">{t('intro')}</p>
              <button type="button" className="button button--primary facilitation__wide" onClick={() => void suggest()} disabled={notes.length < 2 || status.kind === 'loading'}>
                {status.kind === 'loading' ? t('suggesting') : t('suggest', { count: notes.length })}
              </button>
              {notes.length < 2 && <p className="facilitation__hint">{t('tooFew')}</p>}
            </>
          ) : (
            <Draft
              draft={draft}
              texts={texts}
              selected={selected}
              onSelect={setSelected}
              onChange={update}
              onLayOut={() => layOut(draft)}
              onDiscard={() => {
                update(null)
                setSelected([])
              }}
            />
          )}
        </>
      )}
      <p role="status" className="facilitation__status" data-testid="themes-status">
        {status.kind === 'done' ? t('laidOut', { count: status.groups }) : ''}
      </p>
      {status.kind === 'done' && (
        <button type="button" className="button facilitation__wide" onClick={() => { store.undo(); setStatus({ kind: 'idle' }) }}>
          {t('undo')}
        </button>
      )}
      <div role="alert">{status.kind === 'error' && <p className="notice notice--error facilitation__notice">{status.message}</p>}</div>
    </PanelSection>
  )
}

interface DraftProps {
  draft: ThemeGrouping
  texts: ReadonlyMap<string, string>
  selected: readonly string[]
  onSelect: (ids: readonly string[]) => void
  onChange: (next: ThemeGrouping) => void
  onLayOut: () => void
  onDiscard: () => void
}

function Draft({ draft, texts, selected, onSelect, onChange, onLayOut, onDiscard }: DraftProps) {
  const { t } = useTranslation('themes')
  const chosen = selected.filter((id) => draft.themes.some((theme) => theme.id === id))
  const headingId = useId()
  return (
    <>
      <h4 id={headingId} className="facilitation__subheading">
        {draft.themes.length === 0 ? t('noneFound') : t('suggested', { count: draft.themes.length })}
      </h4>
      {draft.themes.length > 0 && (
        <ul className="theme-list" aria-labelledby={headingId} data-testid="theme-list">
          {draft.themes.map((theme) => (
            <ThemeRow
              key={theme.id}
              theme={theme}
              texts={texts}
              checked={chosen.includes(theme.id)}
              onCheck={(on) => onSelect(on ? [...chosen, theme.id] : chosen.filter((c) => c !== theme.id))}
              onRename={(label) => onChange(renameTheme(draft, theme.id, label))}
              onDissolve={() => onChange(dissolveTheme(draft, theme.id))}
            />
          ))}
        </ul>
      )}
      <p className="facilitation__hint" data-testid="themes-ungrouped">
        {t('ungrouped', { count: draft.ungrouped.length, other: t('other') })}
      </p>
      <div className="facilitation__buttons">
        <button
          type="button"
          className="button"
          disabled={chosen.length < 2}
          onClick={() => {
            onChange(mergeThemes(draft, chosen))
            onSelect([])
          }}
        >
          {t('merge', { count: chosen.length })}
        </button>
        <button type="button" className="button button--quiet" onClick={onDiscard}>
          {t('discard')}
        </button>
      </div>
      <button type="button" className="button button--primary facilitation__wide" onClick={onLayOut}>
        {t('layOut')}
      </button>
      <p className="facilitation__hint">{t('layOutHint')}</p>
    </>
  )
}

interface ThemeRowProps {
  theme: Theme
  texts: ReadonlyMap<string, string>
  checked: boolean
  onCheck: (checked: boolean) => void
  onRename: (label: string) => void
  onDissolve: () => void
}

function ThemeRow({ theme, texts, checked, onCheck, onRename, onDissolve }: ThemeRowProps) {
  const { t } = useTranslation('themes')
  const id = useId()
  // What the facilitator types, even while empty; the theme keeps its last name until there is a new one.
  const [name, setName] = useState(theme.label)
  const samples = theme.noteIds.slice(0, SAMPLES).map((noteId) => texts.get(noteId) || t('emptyNote'))
  return (
    <li className="theme-list__item" data-testid="theme">
      <div className="theme-list__top">
        <input id={`${id}-pick`} type="checkbox" checked={checked} onChange={(e) => onCheck(e.target.checked)} aria-label={t('pick', { name: theme.label })} />
        <label htmlFor={`${id}-name`} className="visually-hidden">
          {t('name')}
        </label>
        <input
          id={`${id}-name`}
          className="theme-list__name"
          value={name}
          maxLength={THEME_LABEL_MAX}
          onChange={(e) => {
            setName(e.target.value)
            onRename(e.target.value)
          }}
          onBlur={() => setName(theme.label)}
          aria-describedby={`${id}-count`}
        />
        <span id={`${id}-count`} className="theme-list__count">
          {t('notes', { count: theme.noteIds.length })}
        </span>
      </div>
      <ul className="theme-list__samples">
        {samples.map((text, index) => (
          <li key={index}>{text}</li>
        ))}
        {theme.noteIds.length > SAMPLES && <li className="theme-list__more">{t('more', { count: theme.noteIds.length - SAMPLES })}</li>}
      </ul>
      <button type="button" className="button button--quiet theme-list__dissolve" onClick={onDissolve}>
        {t('dissolve', { name: theme.label })}
      </button>
    </li>
  )
}
