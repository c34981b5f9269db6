import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isTaggable } from '../../../shared/logic/canvasItems'
import { noteColors, type NoteColor } from '../../../shared/schema/records/note'
import type { ItemRecord } from '../../../shared/schema/schema'
import type { Tagged } from '../../../shared/schema/tags'
import { TagPicker } from '../tags/TagPicker'
import { ConnectPopover, type ConnectChoices } from './ConnectPopover'
import { icons } from './icons'
import { fillColors, inkColors } from './inkColors'
import { notePalette } from './notePalette'


/** The vote buttons for one selected note while a vote is open on its board. */
export interface SelectionVote {
  mine: number
  /** Everyone's dots, or null while the vote is hidden. */
  total: number | null
  left: number
  /** Why "Give dot" is disabled (no dots left, or this note at its maximum), else null. */
  blocked: string | null
  onCast(): void
  onRetract(): void
}

interface SelectionToolbarProps {
  items: readonly ItemRecord[]
  /** False for observers and on a locked board: only the vote buttons (if any) are offered. */
  editable: boolean
  vote: SelectionVote | null
  /** The colour all selected notes share, if they do. */
  currentColor: NoteColor | null
  onColor(color: NoteColor): void
  onPatch(patch: Record<string, unknown>, kinds: readonly ItemRecord['kind'][]): void
  onTags(next: Tagged): void
  onDelete(): void
  /** "Move" is picking a destination for the selection (a click puts it there). */
  placing: boolean
  /** Move, or press again to stop: the pointer alternative to dragging (WCAG 2.5.7). */
  onMove(): void
  /** The facilitator's "hide from everyone" for one selected note (moderation); absent for others. */
  onHide?: () => void
  /** "Larger" / "Smaller" for a selection with something that has a size (WCAG 2.5.7); absent otherwise. */
  onScale?: (larger: boolean) => void
  /** "Connect to…" for one item, or the ends of one arrow, without dragging; absent otherwise. */
  connect?: Omit<ConnectChoices, 'onClose'>
}

/** Per-kind styling, tags, alt text and delete for the selection, at the top edge so fingers do not cover it. */
export function SelectionToolbar({ items, editable, vote, currentColor, onColor, onPatch, onTags, onDelete, placing, onMove, onHide, onScale, connect }: SelectionToolbarProps) {
  const { t } = useTranslation('canvas')
  const { t: ts } = useTranslation('session')
  const [tagsOpen, setTagsOpen] = useState(false)
  const [connectOpen, setConnectOpen] = useState(false)
  const connectFor = connect?.selected.id
  const kinds = new Set(items.map((i) => i.kind))
  const count = items.length
  const taggable = items.filter(isTaggable)
  const shapes = items.filter((i) => i.kind === 'shape')
  const texts = items.filter((i) => i.kind === 'text')
  const image = items.length === 1 && items[0]!.kind === 'image' ? items[0] : null
  useEffect(() => {
    if (taggable.length === 0) setTagsOpen(false)
  }, [taggable.length])
  // A new selection closes the list it was opened for.
  useEffect(() => setConnectOpen(false), [connectFor])
  const swatch = (key: string, label: string, color: string, pressed: boolean, onClick: () => void, ring = '#8a8a86') => (
    <button key={key} type="button" className="sk-tool sk-swatch-button" aria-label={label} title={label} aria-pressed={pressed} onClick={onClick}>
      <span className="sk-swatch" style={{ background: color, borderColor: ring }} aria-hidden="true" />
    </button>
  )
  const sharedValue = (list: readonly ItemRecord[], key: string) => {
    const values = new Set(list.map((i) => (i as unknown as Record<string, unknown>)[key]))
    return values.size === 1 ? [...values][0] : undefined
  }
  const voteButtons = vote && (
    <div className="sk-vote" role="group" aria-label={ts('vote.groupLabel')} data-testid="selection-vote">
      <span className="sk-vote__counts" aria-hidden="true">
        {vote.total === null ? ts('vote.mineShort', { count: vote.mine }) : ts('vote.mineAndTotal', { mine: vote.mine, total: vote.total })}
      </span>
      <button
        type="button"
        className="sk-tool sk-vote__button"
        onClick={vote.onCast}
        disabled={vote.blocked !== null}
        aria-describedby={vote.blocked ? 'sk-vote-blocked' : undefined}
        aria-label={vote.total === null ? ts('vote.castLabel', { mine: vote.mine, left: vote.left }) : ts('vote.castLabelTotal', { mine: vote.mine, total: vote.total, left: vote.left })}
        aria-keyshortcuts="V"
        title={ts('vote.castTitle')}
        data-testid="vote-cast"
      >
        <span className="sk-vote__dot" aria-hidden="true" />
        {ts('vote.cast')}
      </button>
      <button
        type="button"
        className="sk-tool sk-vote__button"
        onClick={vote.onRetract}
        disabled={vote.mine === 0}
        aria-keyshortcuts="Shift+V"
        title={ts('vote.retractTitle')}
        data-testid="vote-retract"
      >
        {ts('vote.retract')}
      </button>
      {vote.blocked && (
        <span id="sk-vote-blocked" className="sk-vote__blocked" data-testid="vote-blocked">
          {vote.blocked}
        </span>
      )}
    </div>
  )
  if (!editable) {
    return (
      <div className="sk-selection-toolbar" role="toolbar" aria-label={t('selectionLabel')}>
        {voteButtons}
      </div>
    )
  }
  return (
    <>
      <div className="sk-selection-toolbar" role="toolbar" aria-label={t('selectionLabel')}>
        <span className="sk-visually-hidden" aria-live="polite">
          {t('selectedCount', { count })}
        </span>
        {voteButtons}
        {voteButtons && <span className="sk-toolbar-divider" aria-hidden="true" />}
        {kinds.size === 1 &&
          kinds.has('note') &&
          noteColors.map((color) =>
            swatch(color, t('colorLabel', { color: t(`colors.${color}`) }), notePalette[color].fill, currentColor === color, () => onColor(color), notePalette[color].edge),
          )}
        {shapes.length > 0 && texts.length === 0 && (
          <>
            {Object.entries(fillColors).map(([name, color]) =>
              swatch(`fill-${name}`, t('shape.fillLabel', { color: t(`inks.${name}`) }), color, sharedValue(shapes, 'fill') === color, () => onPatch({ fill: color }, ['shape'])),
            )}
            <span className="sk-toolbar-divider" aria-hidden="true" />
            {Object.entries(inkColors).map(([name, color]) =>
              swatch(`stroke-${name}`, t('shape.strokeLabel', { color: t(`inks.${name}`) }), color, sharedValue(shapes, 'stroke') === color, () => onPatch({ stroke: color }, ['shape']), color),
            )}
          </>
        )}
        {texts.length > 0 &&
          shapes.length === 0 &&
          Object.entries(inkColors).map(([name, color]) =>
            swatch(`text-${name}`, t('text.colorLabel', { color: t(`inks.${name}`) }), color, sharedValue(texts, 'color') === color, () => onPatch({ color }, ['text']), color),
          )}
        {(kinds.has('connector') || kinds.has('stroke')) &&
          [...kinds].every((k) => k === 'connector' || k === 'stroke') &&
          Object.entries(inkColors).map(([name, color]) =>
            swatch(`ink-${name}`, t('text.colorLabel', { color: t(`inks.${name}`) }), color, sharedValue(items, 'color') === color, () => onPatch({ color }, ['connector', 'stroke']), color),
          )}
        {image && (
          <label className="sk-alt-label">
            <span className="sk-visually-hidden">{t('image.altLabel')}</span>
            <input
              key={image.id}
              className="sk-alt-input"
              defaultValue={image.kind === 'image' ? image.alt : ''}
              placeholder={t('image.altPlaceholder')}
              title={t('image.altLabel')}
              maxLength={500}
              onKeyDown={(e) => {
                e.stopPropagation()
                if (e.key === 'Enter') e.currentTarget.blur()
              }}
              onBlur={(e) => onPatch({ alt: e.currentTarget.value }, ['image'])}
            />
          </label>
        )}
        {taggable.length > 0 && (
          <>
            <span className="sk-toolbar-divider" aria-hidden="true" />
            <button type="button" className="sk-tool" aria-label={t('tags.button')} title={t('tags.button')} aria-expanded={tagsOpen} onClick={() => {
              setTagsOpen((o) => !o)
              setConnectOpen(false)
            }}>
              {icons.tag}
            </button>
          </>
        )}
        <span className="sk-toolbar-divider" aria-hidden="true" />
        {onScale && (
          <>
            <button type="button" className="sk-tool" aria-label={t('size.smaller')} title={t('size.smaller')} onClick={() => onScale(false)} data-testid="size-smaller">
              {icons.smaller}
            </button>
            <button type="button" className="sk-tool" aria-label={t('size.larger')} title={t('size.larger')} onClick={() => onScale(true)} data-testid="size-larger">
              {icons.larger}
            </button>
          </>
        )}
        {connect && (
          <button
            type="button"
            className="sk-tool"
            aria-label={t(connect.selected.kind === 'connector' ? 'connect.endsButton' : 'connect.button')}
            title={t(connect.selected.kind === 'connector' ? 'connect.endsButton' : 'connect.button')}
            aria-expanded={connectOpen}
            onClick={() => {
              setConnectOpen((o) => !o)
              setTagsOpen(false)
            }}
            data-testid="connect-button"
          >
            {icons.connect}
          </button>
        )}
        <button type="button" className="sk-tool" aria-label={t('move.button')} title={t('move.button')} aria-pressed={placing} onClick={onMove} data-testid="move-selection">
          {icons.move}
        </button>
        {onHide && (
          <button type="button" className="sk-tool" aria-label={t('hide')} title={t('hide')} onClick={onHide} data-testid="hide-note">
            {icons.hide}
          </button>
        )}
        <button type="button" className="sk-tool" aria-label={t('delete')} title={t('delete')} onClick={onDelete}>
          {icons.trash}
        </button>
      </div>
      {connectOpen && connect && (
        <ConnectPopover
          {...connect}
          onConnect={(id) => {
            setConnectOpen(false)
            connect.onConnect(id)
          }}
          onClose={() => setConnectOpen(false)}
        />
      )}
      {tagsOpen && taggable[0] && (
        <div className="sk-popover" role="dialog" aria-label={t('tags.title')} onKeyDown={(e) => {
          e.stopPropagation()
          if (e.key === 'Escape') setTagsOpen(false)
        }}>
          <h2>{t('tags.title')}</h2>
          <TagPicker compact value={{ sdgs: taggable[0].sdgs, dimension: taggable[0].dimension }} onChange={onTags} />
        </div>
      )}
    </>
  )
}
