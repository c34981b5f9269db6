import { describe, expect, it } from 'vitest'
import { planDownscale, sniffImageMime } from './imageMime'

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)))

describe('sniffImageMime', () => {
  it.each([
    ['png', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0]), 'image/png'],
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    ['gif89a', bytes('GIF89a', [1, 0]), 'image/gif'],
    ['webp', bytes('RIFF', [0, 0, 0, 0], 'WEBP'), 'image/webp'],
    ['riff but not webp', bytes('RIFF', [0, 0, 0, 0], 'WAVE'), null],
    ['svg text', bytes('<svg xmlns='), null],
    ['empty', new Uint8Array(), null],
  ])('%s', (_n, input, expected) => expect(sniffImageMime(input)).toBe(expected))
})

describe('planDownscale', () => {
  it.each([
    ['small photo kept', 800, 600, 200_000, 'image/jpeg', { reencode: false, width: 800, height: 600 }],
    ['huge edge scaled to 2048', 4096, 3072, 3_000_000, 'image/jpeg', { reencode: true, width: 2048, height: 1536 }],
    ['portrait', 3000, 6000, 1_000_000, 'image/png', { reencode: true, width: 1024, height: 2048 }],
    ['heavy but small in pixels: re-encoded at same size', 2000, 1000, 5_000_000, 'image/png', { reencode: true, width: 2000, height: 1000 }],
    ['unknown type: re-encoded', 100, 100, 1000, null, { reencode: true, width: 100, height: 100 }],
  ] as const)('%s', (_n, w, h, b, mime, expected) => expect(planDownscale(w, h, b, mime)).toEqual(expected))
})
