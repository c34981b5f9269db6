import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { isTaggable, itemRect, planDeleteItems, planMoveItems, type CanvasItem } from '../../../shared/logic/canvasItems'
import { readingOrder } from '../../../shared/logic/readingOrder'
import { NOTE_DEFAULT_SIZE, NOTE_TEXT_MAX, type NoteRecord } from '../../../shared/schema/records/note'
import { TEXT_MAX, type TextRecord } from '../../../shared/schema/records/text'
import type { BoardProps } from '../boards/BoardProps'
import { useBoardAccess } from '../session/BoardAccessContext'
import { sessionBus } from '../session/sessionBus'
import { useBoardVote } from '../session/useBoardVote'
import { useItemsOfKind } from '../store/hooks'
import { ButtonRow, TextField } from './OutlineFields'
import { OutlineMessageView, OutlineSection } from './OutlineSection'
import { OutlineTags } from './OutlineTags'
import { OutlineVote } from './OutlineVote'
import { controlId, focusWhenReady, useOutlineCommit } from './useOutline'

/** How far one press of a nudge button moves an item, in board units (a comfortable step on the canvas). */
const NUDGE = 20
/** A new item goes below everything, so it is read last and never lands on someone's note. */
const NEW_ITEM_GAP = 40
/** Same ink the canvas gives new text. */
const TEXT_INK = '#1f1f1d'

const nudges = [
  { key: 'left', dx: -NUDGE, dy: 0 },
  { key: 'right', dx: NUDGE, dy: 0 },
  { key: 'up', dx: 0, dy: -NUDGE },
  { key: 'down', dx: 0, dy: NUDGE },
] as const

/** The free canvas as a list in reading order: kind and text of every item, with ways to add, edit, move, tag and delete. */
export function CanvasOutline({ store, board }: BoardProps) {
  const { t } = useTranslation('outline')
  const notes = useItemsOfKind(store, board.id, 'note')
  const texts = useItemsOfKind(store, board.id, 'text')
  const shapes = useItemsOfKind(store, board.id, 'shape')
  const images = useItemsOfKind(store, board.id, 'image')
  const strokes = useItemsOfKind(store, board.id, 'stroke')
  const connectors = useItemsOfKind(store, board.id, 'connector')
  const { commit, message, say } = useOutlineCommit(store)
  const { t: ts } = useTranslation('session')
  const { canCreate, limit } = useBoardAccess()
  const voting = useBoardVote(store, board.id)

  const all = useMemo<CanvasItem[]>(() => [...notes, ...texts, ...shapes, ...images, ...strokes, ...connectors], [notes, texts, shapes, images, strokes, connectors])
  const ordered = useMemo(() => {
    const byId = new Map(all.map((item) => [item.id, item]))
    return readingOrder(all.map((item) => ({ id: item.id, item, rect: itemRect(item, (id) => byId.get(id)) })))
  }, [all])
  const headingId = controlId(board.id, 'items', 'heading')

  const describe = (item: CanvasItem, position: number) => {
    const kind = item.kind === 'shape' ? t(`canvas.kind.${item.shape}`) : t(`canvas.kind.${item.kind}`)
    const text = 'text' in item ? item.text.trim() : item.kind === 'image' ? item.alt.trim() : ''
    return t('canvas.label', { position, kind, text: text || t('canvas.noText') })
  }

  const addBelow = (kind: 'note' | 'text') => {
    const rects = ordered.flatMap((o) => (o.rect ? [o.rect] : []))
    const x = rects.length > 0 ? Math.round(Math.min(...rects.map((r) => r.x))) : 0
    const y = rects.length > 0 ? Math.round(Math.max(...rects.map((r) => r.y + r.h)) + NEW_ITEM_GAP) : 0
    const base = { id: store.newId(), boardId: board.id, x, y, text: '', createdAt: Date.now(), sdgs: [], dimension: '' as const }
    const record: NoteRecord | TextRecord =
      kind === 'note'
        ? { ...base, kind: 'note', w: NOTE_DEFAULT_SIZE, h: NOTE_DEFAULT_SIZE, color: 'yellow' }
        : { ...base, kind: 'text', w: 240, fontSize: 24, color: TEXT_INK }
    if (commit({ createItems: [record] })) focusWhenReady(controlId(board.id, record.id, 'text'))
  }
  const nudge = (item: CanvasItem, dx: number, dy: number, control: string) => {
    if (commit(planMoveItems(all, new Set([item.id]), dx, dy))) focusWhenReady(controlId(board.id, item.id, control))
  }
  const setPosition = (item: CanvasItem, axis: 'x' | 'y', value: string): boolean => {
    if (!('x' in item)) return false
    const target = Number(value.trim().replace(',', '.'))
    const delta = Math.round(target) - item[axis]
    if (delta === 0) return true
    return commit(planMoveItems(all, new Set([item.id]), axis === 'x' ? delta : 0, axis === 'y' ? delta : 0))
  }
  const remove = (item: CanvasItem, position: number) => {
    const plan = planDeleteItems(all, new Set([item.id]))
    const doomed = new Set(plan.deleteItems)
    const next = ordered.slice(position).find((o) => !doomed.has(o.id)) ?? ordered.slice(0, position - 1).reverse().find((o) => !doomed.has(o.id))
    if (!commit(plan)) return
    say(t('canvas.deleted', { label: describe(item, position) }))
    focusWhenReady(next ? controlId(board.id, next.id, 'title') : headingId)
  }
  const numberProblem = (v: string) => (Number.isFinite(Number(v.trim().replace(',', '.'))) && v.trim() !== '' ? null : t('canvas.numberInvalid'))

  return (
    <OutlineSection board={board} kind="canvas">
      <OutlineMessageView message={message} />
      {canCreate ? (
        <div className="ol-buttons" role="group" aria-label={t('canvas.addGroup')}>
          <button type="button" className="ol-button ol-button--primary" onClick={() => addBelow('note')}>
            {t('canvas.addNote')}
          </button>
          <button type="button" className="ol-button ol-button--primary" onClick={() => addBelow('text')}>
            {t('canvas.addText')}
          </button>
        </div>
      ) : limit === 'private' ? (
        <div className="ol-buttons">
          <button type="button" className="ol-button ol-button--primary" onClick={() => sessionBus(store).requestComposer()}>
            {ts('private.noteButton')}
          </button>
        </div>
      ) : null}
      <section className="ol-block" aria-labelledby={headingId}>
        <h3 id={headingId} tabIndex={-1}>
          {t('canvas.heading', { count: ordered.length })}
        </h3>
        {ordered.length === 0 ? (
          <p className="ol-note">{t('canvas.empty')}</p>
        ) : (
          <ol className="ol-list">
            {ordered.map(({ item }, i) => {
              const label = describe(item, i + 1)
              return (
                <li key={item.id} className="ol-card" data-testid="outline-item" data-kind={item.kind} aria-labelledby={controlId(board.id, item.id, 'title')}>
                  <h4 id={controlId(board.id, item.id, 'title')} tabIndex={-1}>
                    {label}
                  </h4>
                  {'text' in item && (
                    <TextField
                      id={controlId(board.id, item.id, 'text')}
                      label={t('canvas.text')}
                      value={item.text}
                      multiline
                      hint={t('canvas.textHint')}
                      maxLength={item.kind === 'note' ? NOTE_TEXT_MAX : TEXT_MAX}
                      onCommit={(text) => commit({ updateItems: [{ id: item.id, patch: { text } }] })}
                    />
                  )}
                  {'x' in item && (
                    <div className="ol-grid ol-grid--narrow">
                      {(['x', 'y'] as const).map((axis) => (
                        <TextField
                          key={axis}
                          id={controlId(board.id, item.id, axis)}
                          label={t(`canvas.${axis}`)}
                          value={String(Math.round(item[axis]))}
                          inputMode="numeric"
                          validate={numberProblem}
                          onCommit={(v) => setPosition(item, axis, v)}
                        />
                      ))}
                    </div>
                  )}
                  <OutlineVote voting={voting} item={item} label={label} />
                  {isTaggable(item) && <OutlineTags itemName={label} value={item} onChange={(tags) => commit({ updateItems: [{ id: item.id, patch: { ...tags } }] })} />}
                  <ButtonRow label={t('canvas.moveGroup', { label })}>
                    {'x' in item &&
                      nudges.map((n) => (
                        <button key={n.key} type="button" id={controlId(board.id, item.id, `nudge-${n.key}`)} className="ol-button" onClick={() => nudge(item, n.dx, n.dy, `nudge-${n.key}`)}>
                          {t(`canvas.nudge.${n.key}`)}
                        </button>
                      ))}
                    <button type="button" className="ol-button ol-button--danger" onClick={() => remove(item, i + 1)}>
                      {t('canvas.delete')}
                    </button>
                  </ButtonRow>
                </li>
              )
            })}
          </ol>
        )}
      </section>
    </OutlineSection>
  )
}
