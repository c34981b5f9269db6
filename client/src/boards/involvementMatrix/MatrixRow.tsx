import { useRef, useState, type CSSProperties, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { StakeholderRecord } from '../../../../shared/schema/records/stakeholder'
import {
  involvementLevels,
  LEVEL_MAX,
  LEVEL_MIN,
  LEVEL_UNSET,
  levelFromPointer,
  levelGap,
  planSetLevel,
  planStepLevel,
  type InvolvementLevelId,
  type LevelPatch,
  type LevelWhich,
} from '../../../../shared/logic/involvement'
import { NowShape, WantedShape } from './markerShapes'

interface MatrixRowProps {
  stakeholder: StakeholderRecord
  groupLabel: string
  defined: boolean
  open: boolean
  hintId: string
  levelDescriptionId(id: InvolvementLevelId): string
  gapText(steps: number, direction: 'up' | 'down'): string
  sameText: string
  /** Observers and a locked board: the markers are shown, not moved (the level buttons are disabled). */
  readOnly: boolean
  onSetLevels(patch: LevelPatch): void
  onOpenDefinition(): void
  actionRef(el: HTMLButtonElement | null): void
}

interface Drag {
  which: LevelWhich
  pointerId: number
  startX: number
  start: number
  level: number
  moved: boolean
}

/** A drag shorter than this is a click (a finger wobbles). */
const DRAG_SLOP_PX = 6
const whiches: readonly LevelWhich[] = ['now', 'wanted']

/**
 * One stakeholder: a lane for "now" above a lane for "wanted", one button per level in each.
 * The pressed button in a lane is its marker; it can be dragged along the lane or moved with the
 * arrow keys. Only the marker (or, for an empty lane, one button) is in the tab order.
 */
export function MatrixRow(props: MatrixRowProps) {
  const { stakeholder: s, onSetLevels } = props
  const { t } = useTranslation('matrix')
  const cells = useRef<(HTMLTableCellElement | null)[]>([])
  const buttons = useRef(new Map<string, HTMLButtonElement>())
  const drag = useRef<Drag | null>(null)
  /** A drag ends with a click on the marker; that click must not clear what the drag just set. */
  const suppressClickUntil = useRef(0)
  const [dragView, setDragView] = useState<{ which: LevelWhich; level: number } | null>(null)
  const [roving, setRoving] = useState<Record<LevelWhich, number>>({ now: LEVEL_MIN, wanted: LEVEL_MIN })

  const name = s.name || t('unnamed')
  const stored = (which: LevelWhich) => (which === 'now' ? s.levelNow : s.levelWanted)
  const shown = (which: LevelWhich) => (dragView?.which === which ? dragView.level : stored(which))
  const now = shown('now')
  const wanted = shown('wanted')
  const gap = levelGap(now, wanted)

  const focusButton = (which: LevelWhich, level: number) => buttons.current.get(`${which}:${level}`)?.focus()

  const columnEdges = (): number[] => {
    const rects = cells.current.map((cell) => cell?.getBoundingClientRect())
    if (rects.some((r) => !r)) return []
    return [rects[0]!.left, ...rects.map((r) => r!.right)]
  }

  const onPointerDown = (event: PointerEvent<HTMLButtonElement>, which: LevelWhich, level: number) => {
    if (event.button !== 0 || stored(which) !== level) return // only a marker is dragged
    event.currentTarget.setPointerCapture(event.pointerId)
    drag.current = { which, pointerId: event.pointerId, startX: event.clientX, start: level, level, moved: false }
  }
  const onPointerMove = (event: PointerEvent<HTMLButtonElement>) => {
    const d = drag.current
    if (!d || d.pointerId !== event.pointerId) return
    if (!d.moved && Math.abs(event.clientX - d.startX) < DRAG_SLOP_PX) return
    d.moved = true
    const edges = columnEdges()
    if (edges.length < 2) return
    const level = levelFromPointer(event.clientX, edges)
    if (level !== d.level) {
      d.level = level
      setDragView({ which: d.which, level })
    }
  }
  const onPointerUp = (event: PointerEvent<HTMLButtonElement>) => {
    const d = drag.current
    if (!d || d.pointerId !== event.pointerId) return
    drag.current = null
    setDragView(null)
    if (!d.moved) return // a click: the click handler decides
    suppressClickUntil.current = event.timeStamp + 500
    if (d.level !== d.start) onSetLevels({ [d.which === 'now' ? 'levelNow' : 'levelWanted']: d.level })
    focusButton(d.which, d.level)
  }
  const onPointerCancel = () => {
    drag.current = null
    setDragView(null)
  }

  const onClick = (event: MouseEvent, which: LevelWhich, level: number) => {
    if (event.timeStamp < suppressClickUntil.current) return
    onSetLevels(planSetLevel(s, which, level))
    setRoving((r) => ({ ...r, [which]: level }))
  }

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, which: LevelWhich, level: number) => {
    const current = stored(which)
    const isSet = current !== LEVEL_UNSET
    let delta = 0
    let target: number | null = null
    switch (event.key) {
      case 'ArrowRight':
        delta = 1
        break
      case 'ArrowLeft':
        delta = -1
        break
      case 'Home':
        target = LEVEL_MIN
        break
      case 'End':
        target = LEVEL_MAX
        break
      case 'Delete':
      case 'Backspace':
        if (!isSet) return
        event.preventDefault()
        onSetLevels(planSetLevel(s, which, LEVEL_UNSET))
        setRoving((r) => ({ ...r, [which]: current }))
        return
      default:
        return
    }
    event.preventDefault()
    if (isSet) {
      // A marker moves; focus follows it (the buttons stay in place, only their state changes).
      const patch = target === null ? planStepLevel(s, which, delta) : target === current ? {} : { [which === 'now' ? 'levelNow' : 'levelWanted']: target }
      const next = (which === 'now' ? patch.levelNow : patch.levelWanted) ?? current
      if (next !== current) onSetLevels(patch)
      focusButton(which, next)
    } else {
      // An empty lane: arrows move focus along it, Enter or Space sets the level.
      const next = target ?? Math.min(LEVEL_MAX, Math.max(LEVEL_MIN, level + delta))
      setRoving((r) => ({ ...r, [which]: next }))
      focusButton(which, next)
    }
  }

  const lo = Math.min(now, wanted)

  return (
    <tr className={`matrix-row${props.open ? ' matrix-row--open' : ''}`} data-testid="matrix-row" data-stakeholder-id={s.id}>
      <th scope="row" className="matrix-row__who">
        <span className="matrix-row__name" data-testid="matrix-row-name">
          {name}
        </span>
        <span className="matrix-row__group">{props.groupLabel}</span>
        {(gap.direction === 'up' || gap.direction === 'down') && <span className="visually-hidden">, {props.gapText(gap.steps, gap.direction)}</span>}
        <span className="matrix-row__actions">
          <button
            ref={props.actionRef}
            type="button"
            className={`matrix-define${props.defined ? ' matrix-define--defined' : ''}`}
            aria-expanded={props.open}
            aria-label={t(props.defined ? 'definition.actionDefinedLabel' : 'definition.actionLabel', { name })}
            onClick={props.onOpenDefinition}
            data-testid="matrix-define"
          >
            {props.defined && (
              <span className="matrix-define__check" aria-hidden="true">
                ✓
              </span>
            )}
            {t(props.defined ? 'definition.actionDefined' : 'definition.action')}
          </button>
        </span>
      </th>
      {involvementLevels.map((id, i) => {
        const level = i + 1
        const levelName = t(`levels.${id}.name`)
        return (
          <td
            key={id}
            ref={(el) => {
              cells.current[i] = el
            }}
            className="matrix-cell"
          >
            {whiches.map((which) => {
              const isMarker = shown(which) === level
              const laneSet = shown(which) !== LEVEL_UNSET
              const tabbable = laneSet ? isMarker : roving[which] === level
              const lane = (
                <div key={which} className={`matrix-cell__lane matrix-cell__lane--${which}`}>
                  <button
                    ref={(el) => {
                      if (el) buttons.current.set(`${which}:${level}`, el)
                      else buttons.current.delete(`${which}:${level}`)
                    }}
                    type="button"
                    className={`matrix-target matrix-target--${which}${isMarker ? ' matrix-target--marker' : ''}${dragView?.which === which && isMarker ? ' matrix-target--dragging' : ''}`}
                    tabIndex={tabbable ? 0 : -1}
                    disabled={props.readOnly}
                    aria-pressed={isMarker}
                    aria-label={
                      isMarker
                        ? t(which === 'now' ? 'marker.nowLabel' : 'marker.wantedLabel', { name, level: levelName })
                        : t(which === 'now' ? 'marker.setNow' : 'marker.setWanted', { name, level: levelName })
                    }
                    aria-describedby={`${props.levelDescriptionId(id)} ${props.hintId}`}
                    data-testid={isMarker ? `marker-${which}` : undefined}
                    data-level={level}
                    onClick={(e) => onClick(e, which, level)}
                    onKeyDown={(e) => onKeyDown(e, which, level)}
                    onPointerDown={(e) => onPointerDown(e, which, level)}
                    onPointerMove={onPointerMove}
                    onPointerUp={onPointerUp}
                    onPointerCancel={onPointerCancel}
                    onLostPointerCapture={onPointerCancel}
                  >
                    {isMarker ? (
                      <span className={`matrix-marker matrix-marker--${which}`}>
                        {which === 'now' ? <NowShape /> : <WantedShape />}
                        {t(which === 'now' ? 'marker.now' : 'marker.wanted')}
                      </span>
                    ) : (
                      <span className={`matrix-ghost matrix-ghost--${which}`} aria-hidden="true">
                        {which === 'now' ? <NowShape /> : <WantedShape />}
                      </span>
                    )}
                  </button>
                </div>
              )
              if (which === 'wanted') return lane
              return [
                lane,
                <div key="band" className="matrix-cell__band" aria-hidden="true">
                  {level === lo && (gap.direction === 'up' || gap.direction === 'down') && (
                    <div className={`matrix-gap matrix-gap--${gap.direction}`} style={{ '--steps': gap.steps } as CSSProperties} data-testid="matrix-gap">
                      <span className="matrix-gap__label">{props.gapText(gap.steps, gap.direction)}</span>
                    </div>
                  )}
                  {level === now && gap.direction === 'same' && <span className="matrix-gap__same">{props.sameText}</span>}
                </div>,
              ]
            })}
          </td>
        )
      })}
    </tr>
  )
}
