import { describe, expect, it } from 'vitest'
import { clampVoteSettings } from './voteSettings'

describe('clampVoteSettings', () => {
  it.each([
    [3, 3, 3, 3],
    [5, 1, 5, 1],
    [3, 5, 3, 3],
    [0, 1, 1, 1],
    [25, 25, 20, 20],
    [2.6, 1.4, 3, 1],
    [Number.NaN, 2, 3, 2],
    [4, Number.NaN, 4, 4],
    [-3, -3, 1, 1],
  ])('%d dots, %d per item -> %d and %d', (votes, max, expectedVotes, expectedMax) => {
    expect(clampVoteSettings(votes, max)).toEqual({ votesPerPerson: expectedVotes, maxPerItem: expectedMax })
  })
})
