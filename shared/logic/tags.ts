import type { SustainabilityDimension, Tagged } from '../schema/tags'
import { contrastRatio } from './contrast'

/** The UN's official colours for SDG 1–17, index 0 = goal 1. */
export const sdgColors = [
  '#E5243B', '#DDA63A', '#4C9F38', '#C5192D', '#FF3A21', '#26BDE2', '#FCC30B', '#A21942', '#FD6925',
  '#DD1367', '#FD9D24', '#BF8B2E', '#3F7E44', '#0A97D9', '#56C02B', '#00689D', '#19486A',
] as const

export interface SdgInfo {
  number: number
  color: string
  /** Text colour on the badge: white or black, whichever has the higher contrast (≥ 4.5:1 for all 17). */
  ink: '#FFFFFF' | '#000000'
}

/** White or black, whichever reads better on `background`. */
export function inkOn(background: string): '#FFFFFF' | '#000000' {
  return contrastRatio(background, '#FFFFFF') >= contrastRatio(background, '#000000') ? '#FFFFFF' : '#000000'
}

export const sdgList: readonly SdgInfo[] = sdgColors.map((color, i) => ({ number: i + 1, color, ink: inkOn(color) }))

export function sdgInfo(n: number): SdgInfo | undefined {
  return sdgList[n - 1]
}

/** What the filter bar shows: items tagged with any of `sdgs` (or all when empty) and `dimension` (or any when ''). */
export interface TagFilter {
  sdgs: number[]
  dimension: SustainabilityDimension | ''
}

export const emptyTagFilter: TagFilter = { sdgs: [], dimension: '' }

export function isTagFilterActive(filter: TagFilter): boolean {
  return filter.sdgs.length > 0 || filter.dimension !== ''
}

/**
 * Whether an item passes the filter. Items that cannot carry tags (arrows, strokes, photos) pass
 * only an inactive filter, so an active filter dims them with the rest of the untagged content.
 */
export function matchesTagFilter(item: Partial<Tagged>, filter: TagFilter): boolean {
  if (!isTagFilterActive(filter)) return true
  const sdgs = item.sdgs ?? []
  const dimension = item.dimension ?? ''
  if (filter.sdgs.length > 0 && !filter.sdgs.some((n) => sdgs.includes(n))) return false
  if (filter.dimension !== '' && dimension !== filter.dimension) return false
  return true
}

/** Adds or removes one SDG, keeping the list ascending without duplicates (what the schema requires). */
export function toggleSdg(sdgs: readonly number[], n: number): number[] {
  const next = sdgs.includes(n) ? sdgs.filter((x) => x !== n) : [...sdgs, n]
  return next.filter((x) => Number.isInteger(x) && x >= 1 && x <= 17).sort((a, b) => a - b)
}

/** Counts for "showing 4 of 12": over the items that can be tagged. */
export function countMatching(items: readonly Partial<Tagged>[], filter: TagFilter): { shown: number; total: number } {
  let shown = 0
  for (const item of items) if (matchesTagFilter(item, filter)) shown++
  return { shown, total: items.length }
}
