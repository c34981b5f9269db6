import { describe, expect, it } from 'vitest'
import type { Point } from '../../../../shared/logic/geometry'
import { idleGestures, reduceGesture, type GestureContext, type GestureEffect, type GestureEvent, type GestureState, type PointerInput } from './gestureReducer'

// Table tests: a sequence of events on a view with a camera at (100, 50), scale 2, so container
// point (300, 250) is board point (100, 100). An item sits under container x < 100.

const camera = { x: 100, y: 50, scale: 2 }

function context(over: Partial<GestureContext> = {}): GestureContext {
  return {
    camera,
    tool: 'select',
    canCreate: true,
    selection: new Set(['kept']),
    emptyDrag: 'marquee',
    itemDragging: false,
    hitTest: (p) => p.x < 100,
    bindableAt: (b) => (b.x < 0 ? 'target' : null),
    ...over,
  }
}

let clock = 1000
function pointer(type: 'down' | 'move' | 'up', at: Point, over: Partial<PointerInput> = {}): GestureEvent {
  const p: PointerInput = { pointerId: 1, pointerType: 'mouse', button: 0, point: at, time: (clock += 100), additive: false, pressure: 0.5, ...over }
  if (type === 'move') return { type, pointer: p, samples: [] }
  if (type === 'up') return { type, pointer: p, cancelled: false }
  return { type, pointer: p }
}
const finger = (type: 'down' | 'move' | 'up', id: number, at: Point, time?: number) => pointer(type, at, { pointerId: id, pointerType: 'touch', ...(time === undefined ? {} : { time }) })

function run(events: GestureEvent[], ctx = context(), from: GestureState = idleGestures) {
  let state = from
  const effects: GestureEffect[][] = []
  for (const event of events) {
    const result = reduceGesture(state, event, ctx)
    state = result.state
    effects.push(result.effects)
  }
  return { state, effects, last: effects[effects.length - 1] ?? [] }
}
const types = (effects: readonly GestureEffect[]) => effects.map((e) => e.type)

describe('pointer down on empty space', () => {
  it.each<[string, GestureEvent, Partial<GestureContext>, string | null, string[]]>([
    ['select tool, mouse: a marquee, the selection cleared', pointer('down', { x: 300, y: 250 }), {}, 'marquee', ['focusCanvas', 'cameraTouched', 'select']],
    ['shift: a marquee that adds to the selection', pointer('down', { x: 300, y: 250 }, { additive: true }), {}, 'marquee', ['focusCanvas', 'cameraTouched']],
    ['on an item: Konva handles it', pointer('down', { x: 50, y: 250 }), {}, null, []],
    ['hand tool: a pan, even over an item', pointer('down', { x: 50, y: 250 }), { tool: 'hand' }, 'pan', ['focusCanvas', 'cameraTouched']],
    ['middle button: a pan without autoscroll', pointer('down', { x: 300, y: 250 }, { button: 1 }), {}, 'pan', ['preventDefault', 'focusCanvas', 'cameraTouched']],
    ['right button: nothing', pointer('down', { x: 300, y: 250 }, { button: 2 }), {}, null, []],
    ['the map: a drag on empty space pans', pointer('down', { x: 300, y: 250 }), { emptyDrag: 'pan' }, 'pan', ['focusCanvas', 'cameraTouched']],
    ['a finger: a pan', finger('down', 7, { x: 300, y: 250 }), {}, 'pan', ['focusCanvas', 'cameraTouched']],
    ['a finger while another drags an item: nothing', finger('down', 7, { x: 300, y: 250 }), { itemDragging: true }, null, []],
    ['rect tool: a shape, the selection cleared', pointer('down', { x: 50, y: 250 }), { tool: 'rect' }, 'shape', ['focusCanvas', 'select']],
    ['rect tool without the right to create: a marquee', pointer('down', { x: 300, y: 250 }), { tool: 'rect', canCreate: false }, 'marquee', ['focusCanvas', 'cameraTouched', 'select']],
    ['rect tool, right button: not a shape', pointer('down', { x: 300, y: 250 }, { button: 2 }), { tool: 'rect' }, null, []],
    ['pen tool: a stroke', pointer('down', { x: 300, y: 250 }), { tool: 'pen' }, 'pen', ['focusCanvas', 'select']],
    ['text tool: a text at once, focus kept for its editor', pointer('down', { x: 300, y: 250 }), { tool: 'text' }, null, ['focusCanvas', 'createText', 'preventDefault']],
  ])('%s', (_name, event, over, kind, effects) => {
    const { state, last } = run([event], context(over))
    expect(state.active?.kind ?? null).toBe(kind)
    expect(types(last)).toEqual(effects)
  })

  it('asks Konva for a hit only when the press could be on an item', () => {
    let asked = 0
    const hitTest = () => {
      asked++
      return false
    }
    run([pointer('down', { x: 300, y: 250 })], context({ tool: 'hand', hitTest }))
    run([pointer('down', { x: 300, y: 250 })], context({ tool: 'pen', hitTest }))
    expect(asked).toBe(0)
    run([pointer('down', { x: 300, y: 250 })], context({ hitTest }))
    expect(asked).toBe(1)
  })

  it('starts a marquee at the board point under the pointer, keeping the selection it adds to', () => {
    const { state } = run([pointer('down', { x: 300, y: 250 }, { additive: true })])
    expect(state.active).toEqual({ kind: 'marquee', pointerId: 1, start: { x: 100, y: 100 }, base: new Set(['kept']) })
  })

  it('binds an arrow to the item where it starts', () => {
    const { state } = run([pointer('down', { x: 60, y: 250 })], context({ tool: 'arrow' }))
    expect(state.active).toMatchObject({ kind: 'arrow', start: { x: -20, y: 100 }, fromId: 'target' })
  })

  it('puts a text where the pointer went down', () => {
    const { last } = run([pointer('down', { x: 300, y: 250 })], context({ tool: 'text' }))
    expect(last).toContainEqual({ type: 'createText', at: { x: 100, y: 100 } })
  })
})

describe('touch', () => {
  it('a double tap on empty space makes something there', () => {
    const { state, last } = run([finger('down', 1, { x: 300, y: 250 }, 1000), finger('up', 1, { x: 300, y: 250 }, 1050), finger('down', 2, { x: 310, y: 255 }, 1200)])
    expect(last).toContainEqual({ type: 'createAt', at: { x: 105, y: 102.5 } })
    expect(state.active).toBeNull()
    expect(state.lastEmptyTap).toBeNull()
  })

  it.each([
    ['too slow', 1500, { x: 300, y: 250 }],
    ['too far', 1200, { x: 340, y: 250 }],
  ])('two taps %s are two pans', (_name, time, at) => {
    const { state, last } = run([finger('down', 1, { x: 300, y: 250 }, 1000), finger('up', 1, { x: 300, y: 250 }, 1050), finger('down', 2, at, time)])
    expect(types(last)).not.toContain('createAt')
    expect(state.active?.kind).toBe('pan')
  })

  it('no double tap with a drawing tool', () => {
    const taps = [finger('down', 1, { x: 300, y: 250 }, 1000), finger('up', 1, { x: 300, y: 250 }, 1050), finger('down', 2, { x: 300, y: 250 }, 1200)]
    const { effects } = run(taps, context({ tool: 'hand' }))
    expect(effects.flat().map((e) => e.type)).not.toContain('createAt')
  })

  it('a second finger pinches: fingers twice as far apart, twice the zoom', () => {
    const { state, last } = run([finger('down', 1, { x: 200, y: 250 }), finger('down', 2, { x: 400, y: 250 })])
    expect(state.active?.kind).toBe('pinch')
    expect(types(last)).toEqual(['focusCanvas', 'cameraTouched', 'cameraByPerson'])
    const spread = run([finger('move', 2, { x: 600, y: 250 })], context(), state)
    const moved = spread.last.find((e) => e.type === 'moveCamera')
    expect(moved).toMatchObject({ commit: 'throttled' })
    expect(moved?.type === 'moveCamera' && moved.camera.scale).toBeCloseTo(4)
  })

  it('a second finger while drawing pinches and drops the drawing', () => {
    const ctx = context({ tool: 'pen' })
    const { state, last } = run([finger('down', 1, { x: 200, y: 250 }), finger('move', 1, { x: 220, y: 260 }), finger('down', 2, { x: 400, y: 250 })], ctx)
    expect(state.active?.kind).toBe('pinch')
    expect(last).toEqual([{ type: 'draft', draft: null }, { type: 'penPath', samples: [] }, { type: 'cameraByPerson' }])
  })

  it('lifting one finger of a pinch pans on with the other; lifting it commits the camera', () => {
    const pinching = run([finger('down', 1, { x: 200, y: 250 }), finger('down', 2, { x: 400, y: 250 })]).state
    const one = run([finger('up', 1, { x: 200, y: 250 })], context(), pinching)
    expect(one.state.active).toMatchObject({ kind: 'pan', pointerId: 2, start: { x: 400, y: 250 }, camera })
    expect(one.last).toEqual([])
    const none = run([finger('up', 2, { x: 400, y: 250 })], context(), one.state)
    expect(none.state.active).toBeNull()
    expect(none.last).toEqual([{ type: 'moveCamera', camera, commit: 'now' }])
  })

  it('any tracked finger lifting ends a pan, not only its own', () => {
    const panning = run([finger('down', 1, { x: 300, y: 250 })]).state
    const withSecond = { ...panning, touches: new Map(panning.touches).set(2, { x: 50, y: 250 }) }
    const { state, last } = run([finger('up', 2, { x: 50, y: 250 })], context(), withSecond)
    expect(state.active).toBeNull()
    expect(types(last)).toEqual(['moveCamera'])
  })
})

describe('moving and lifting', () => {
  it('a pan moves the camera by what the pointer moved, only for its own pointer', () => {
    const panning = run([pointer('down', { x: 300, y: 250 })], context({ tool: 'hand' })).state
    expect(run([pointer('move', { x: 330, y: 240 })], context(), panning).last).toEqual([
      { type: 'cameraByPerson' },
      { type: 'moveCamera', camera: { x: 130, y: 40, scale: 2 }, commit: 'throttled' },
    ])
    expect(run([pointer('move', { x: 330, y: 240 }, { pointerId: 9 })], context(), panning).last).toEqual([])
    expect(run([pointer('up', { x: 330, y: 240 })], context(), panning).last).toEqual([{ type: 'moveCamera', camera, commit: 'now' }])
  })

  it('a marquee selects what it covers and disappears on release', () => {
    const started = run([pointer('down', { x: 300, y: 250 })]).state
    const { last } = run([pointer('move', { x: 500, y: 150 })], context(), started)
    const rect = { x: 100, y: 50, w: 100, h: 50 }
    expect(last).toEqual([
      { type: 'marquee', rect },
      { type: 'selectInRect', rect, base: new Set() },
    ])
    expect(run([pointer('up', { x: 500, y: 150 })], context(), started).last).toEqual([{ type: 'marquee', rect: null }])
  })

  it('a shape shows its draft while dragged and is made on release', () => {
    const ctx = context({ tool: 'ellipse' })
    const { state, effects } = run([pointer('down', { x: 300, y: 250 }), pointer('move', { x: 340, y: 290 }), pointer('up', { x: 360, y: 310 })], ctx)
    expect(effects[1]).toEqual([{ type: 'draft', draft: { kind: 'shape', shape: 'ellipse', rect: { x: 100, y: 100, w: 20, h: 20 } } }])
    expect(effects[2]).toEqual([
      { type: 'draft', draft: null },
      { type: 'drawn', gesture: { kind: 'shape', pointerId: 1, start: { x: 100, y: 100 }, shape: 'ellipse' }, end: { x: 130, y: 130 } },
    ])
    expect(state.active).toBeNull()
  })

  it('a cancelled drawing leaves nothing', () => {
    const ctx = context({ tool: 'arrow' })
    const down = run([pointer('down', { x: 300, y: 250 })], ctx).state
    const cancel: GestureEvent = { type: 'up', pointer: { pointerId: 1, pointerType: 'mouse', button: 0, point: { x: 400, y: 250 }, time: 0, additive: false, pressure: 0 }, cancelled: true }
    expect(run([cancel], ctx, down).last).toEqual([
      { type: 'draft', draft: null },
      { type: 'penPath', samples: [] },
    ])
  })

  it('the pen collects every coalesced sample with its pressure', () => {
    const ctx = context({ tool: 'pen' })
    const down = run([pointer('down', { x: 300, y: 250 }, { pressure: 0 })], ctx).state
    const move: GestureEvent = {
      type: 'move',
      pointer: { pointerId: 1, pointerType: 'pen', button: 0, point: { x: 304, y: 250 }, time: 0, additive: false, pressure: 0.8 },
      samples: [
        { point: { x: 302, y: 250 }, pointerType: 'pen', pressure: 0.6 },
        { point: { x: 304, y: 250 }, pointerType: 'pen', pressure: 0.8 },
      ],
    }
    const moved = run([move], ctx, down)
    expect(moved.last).toEqual([{ type: 'penPath', samples: [100, 100, 0.5, 101, 100, 0.6, 102, 100, 0.8] }])
    const up = run([pointer('up', { x: 304, y: 250 })], ctx, moved.state)
    expect(up.last[1]).toMatchObject({ type: 'drawn', gesture: { kind: 'pen', samples: [100, 100, 0.5, 101, 100, 0.6, 102, 100, 0.8] } })
  })

  it('moves and releases with no gesture change nothing', () => {
    const { state, effects } = run([pointer('move', { x: 1, y: 1 }), pointer('up', { x: 1, y: 1 })])
    expect(state).toBe(idleGestures)
    expect(effects).toEqual([[], []])
  })
})

describe('wheel, double click, space', () => {
  it('the wheel moves the camera and React follows once it is still', () => {
    const { last } = run([{ type: 'wheel', wheel: { point: { x: 300, y: 250 }, deltaX: 0, deltaY: -100, deltaMode: 0, ctrlKey: false, metaKey: false, shiftKey: false } }])
    expect(types(last)).toEqual(['preventDefault', 'cameraByPerson', 'moveCamera'])
    expect(last[2]).toMatchObject({ commit: 'settled' })
  })

  it.each<[string, Partial<GestureContext>, Partial<GestureState>, Point, boolean]>([
    ['on empty space: makes something there', {}, {}, { x: 300, y: 250 }, true],
    ['on an item: the item edits itself', {}, {}, { x: 50, y: 250 }, false],
    ['with the hand tool: nothing', { tool: 'hand' }, {}, { x: 300, y: 250 }, false],
    ['with space held: nothing', {}, { spaceHeld: true }, { x: 300, y: 250 }, false],
  ])('double click %s', (_name, over, state, point, creates) => {
    const { last } = run([{ type: 'doubleClick', point }], context(over), { ...idleGestures, ...state })
    expect(last).toEqual(creates ? [{ type: 'createAt', at: { x: 100, y: 100 } }] : [])
  })

  it('space held makes every drag a pan, until released', () => {
    const held = run([{ type: 'space', down: true }]).state
    expect(held.spaceHeld).toBe(true)
    expect(run([pointer('down', { x: 50, y: 250 })], context({ tool: 'pen' }), held).state.active?.kind).toBe('pan')
    expect(run([{ type: 'space', down: false }], context(), held).state.spaceHeld).toBe(false)
    expect(run([{ type: 'space', down: false }]).state).toBe(idleGestures)
  })
})

describe('placing (Move: a single-pointer alternative to dragging, WCAG 2.5.7)', () => {
  const ids = new Set(['a', 'b'])
  const placing: GestureState = { ...idleGestures, placing: ids }
  const placeAt = [{ type: 'preventDefault' }, { type: 'focusCanvas' }, { type: 'placeAt', ids, at: { x: 100, y: 100 } }]

  it.each<[string, GestureEvent, Partial<GestureContext>, Partial<GestureState>, boolean]>([
    ['a click on empty space places there', pointer('down', { x: 300, y: 250 }), {}, {}, true],
    ['a click on an item places there too (the items are not dragged)', pointer('down', { x: 300, y: 250 }), { hitTest: () => true }, {}, true],
    ['a tap places', finger('down', 7, { x: 300, y: 250 }), {}, {}, true],
    ['a pen tap places', pointer('down', { x: 300, y: 250 }, { pointerType: 'pen' }), {}, {}, true],
    ['with a drawing tool: placing wins over drawing', pointer('down', { x: 300, y: 250 }), { tool: 'rect' }, {}, true],
    ['the right button does not place', pointer('down', { x: 300, y: 250 }, { button: 2 }), {}, {}, false],
    ['the middle button pans instead', pointer('down', { x: 300, y: 250 }, { button: 1 }), {}, {}, false],
    ['the hand tool pans instead', pointer('down', { x: 300, y: 250 }), { tool: 'hand' }, {}, false],
    ['space held pans instead', pointer('down', { x: 300, y: 250 }), {}, { spaceHeld: true }, false],
    ['a second finger (a pinch) does not place', finger('down', 8, { x: 300, y: 250 }), {}, { touches: new Map([[7, { x: 10, y: 10 }]]) }, false],
  ])('%s', (_name, event, over, state, places) => {
    const { state: next, last } = run([event], context(over), { ...placing, ...state })
    if (places) {
      expect(last).toEqual(placeAt)
      expect(next.placing).toBeNull()
      expect(next.active).toBeNull()
    } else {
      expect(types(last)).not.toContain('placeAt')
      expect(next.placing).toBe(ids)
    }
  })

  it('Move starts placing and drops a marquee or drawing in progress', () => {
    const marquee = run([pointer('down', { x: 300, y: 250 })]).state
    expect(marquee.active?.kind).toBe('marquee')
    const { state, last } = run([{ type: 'place', ids }], context(), marquee)
    expect(state.placing).toBe(ids)
    expect(state.active).toBeNull()
    expect(last).toEqual([{ type: 'draft', draft: null }, { type: 'penPath', samples: [] }, { type: 'marquee', rect: null }])
  })

  it.each<[string, ReadonlySet<string> | null]>([
    ['Escape or Move again (null)', null],
    ['an empty selection', new Set()],
  ])('placing stops with %s, and nothing is placed', (_name, next) => {
    const { state, last } = run([{ type: 'place', ids: next }, pointer('down', { x: 300, y: 250 })], context(), placing)
    expect(state.placing).toBeNull()
    expect(types(last)).not.toContain('placeAt')
    expect(state.active?.kind).toBe('marquee')
  })

  it('placing once: the press after a placement selects as usual', () => {
    const { effects } = run([pointer('down', { x: 300, y: 250 }), pointer('up', { x: 300, y: 250 }), pointer('down', { x: 300, y: 250 })], context(), placing)
    expect(types(effects[0]!)).toContain('placeAt')
    expect(types(effects[2]!)).not.toContain('placeAt')
  })

  it('stopping when not placing changes nothing', () => {
    expect(run([{ type: 'place', ids: null }]).state).toBe(idleGestures)
  })
})
