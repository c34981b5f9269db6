import { VOTES_PER_PERSON_MAX } from '../../../shared/schema/records/session'

export interface VoteSettings {
  votesPerPerson: number
  maxPerItem: number
}

export const defaultVoteSettings: VoteSettings = { votesPerPerson: 3, maxPerItem: 3 }

/**
 * Settings the server accepts, from what is in the two number fields: whole numbers from 1 to 20,
 * and never more on one item than a person has. A field being typed in (empty, "1" on the way to
 * "12") falls back to the default or the nearest allowed value; lowering the dots lowers the cap with it.
 */
export function clampVoteSettings(votesPerPerson: number, maxPerItem: number): VoteSettings {
  const votes = clampCount(votesPerPerson, defaultVoteSettings.votesPerPerson)
  const max = Math.min(votes, clampCount(maxPerItem, votes))
  return { votesPerPerson: votes, maxPerItem: max }
}

function clampCount(value: number, fallback: number): number {
  if (!Number.isFinite(value)) return fallback
  return Math.min(VOTES_PER_PERSON_MAX, Math.max(1, Math.round(value)))
}
