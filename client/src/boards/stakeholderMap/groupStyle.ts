import type { TFunction } from 'i18next'
import { stakeholderGroupPresets, type StakeholderGroupRecord } from '../../../../shared/schema/records/stakeholderGroup'

/**
 * Zone and band colours. Every pair keeps dark text (#1d2320) at ≥ 4.5:1 on the tint; the group
 * name is always written next to the colour, so colour never carries meaning alone.
 */
const palette = [
  { tint: '#e3eefa', edge: '#3a6ea5' },
  { tint: '#e6f2df', edge: '#4d7c3a' },
  { tint: '#fcebd3', edge: '#a8641a' },
  { tint: '#efe4f7', edge: '#7a4fa3' },
  { tint: '#fbe3e7', edge: '#b0475b' },
  { tint: '#dff2f1', edge: '#2f7f7a' },
] as const

export const ungroupedStyle = { tint: '#eeeeea', edge: '#6b6b66' } as const
export const ink = '#1d2320'
export const inkMuted = '#4f5753'

/** A preset group keeps its colour in every browser; a custom one gets a colour from its id. */
export function groupStyle(group: Pick<StakeholderGroupRecord, 'id' | 'preset'> | undefined): { tint: string; edge: string } {
  if (!group) return ungroupedStyle
  const preset = group.preset ? stakeholderGroupPresets.indexOf(group.preset) : -1
  if (preset >= 0) return palette[preset % palette.length]!
  let hash = 0
  for (const ch of group.id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0
  return palette[hash % palette.length]!
}

/** The name to show: the facilitator's name, else the preset's translated label. */
export function groupLabel(group: Pick<StakeholderGroupRecord, 'name' | 'preset'> | undefined, t: TFunction<'stakeholderMap'>): string {
  if (!group) return t('ungrouped')
  if (group.name.trim()) return group.name
  if (group.preset) return t(`presets.${group.preset}`)
  return t('unnamedGroup')
}
