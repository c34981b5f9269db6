import { describe, expect, it } from 'vitest'
import { filterPeople, peopleInRoom, type PresentPeer } from './peopleInRoom'

const peer = (clientId: number, name: string, role: PresentPeer['role'], participantId = ''): PresentPeer => ({
  clientId,
  name,
  color: '#000',
  role,
  participantId,
})

describe('peopleInRoom', () => {
  it.each<{ case: string; peers: PresentPeer[]; names: string[]; counts: Record<string, number> }>([
    { case: 'nobody', peers: [], names: [], counts: { facilitator: 0, participant: 0, observer: 0, unknown: 0 } },
    {
      case: 'a participant with two tabs counts once',
      peers: [peer(1, 'Kari', 'participant', 'p1'), peer(2, 'Kari', 'participant', 'p1'), peer(3, 'Ola', 'participant', 'p2')],
      names: ['Kari', 'Ola'],
      counts: { facilitator: 0, participant: 2, observer: 0, unknown: 0 },
    },
    {
      case: 'observers share their link id but are separate people',
      peers: [peer(1, 'Skjerm', 'observer', 'observer'), peer(2, 'Presse', 'observer', 'observer')],
      names: ['Presse', 'Skjerm'],
      counts: { facilitator: 0, participant: 0, observer: 2, unknown: 0 },
    },
    {
      case: 'facilitators first, then participants, observers, unknown; by name within each',
      peers: [peer(1, 'Åse', 'observer', 'observer'), peer(2, 'Bente', 'participant', 'p2'), peer(3, 'Anne', 'participant', 'p1'), peer(4, 'Zara', 'facilitator', 'facilitator'), peer(5, 'Gammel', null)],
      names: ['Zara', 'Anne', 'Bente', 'Åse', 'Gammel'],
      counts: { facilitator: 1, participant: 2, observer: 1, unknown: 1 },
    },
    {
      case: 'a participant without a known id is one per connection',
      peers: [peer(1, 'A', 'participant', ''), peer(2, 'A', 'participant', '')],
      names: ['A', 'A'],
      counts: { facilitator: 0, participant: 2, observer: 0, unknown: 0 },
    },
  ])('$case', ({ peers, names, counts }) => {
    const result = peopleInRoom(peers, 'nb')
    expect(result.people.map((p) => p.name)).toEqual(names)
    expect(result.counts).toEqual(counts)
  })

  it('counts the connections of one participant and keeps a name from any of them', () => {
    const [person] = peopleInRoom([peer(1, '', 'participant', 'p1'), peer(2, 'Kari', 'participant', 'p1')]).people
    expect(person).toMatchObject({ name: 'Kari', connections: 2, participantId: 'p1' })
  })
})

describe('filterPeople', () => {
  const { people } = peopleInRoom([peer(1, 'Kari Nordmann', 'participant', 'p1'), peer(2, 'Åse', 'participant', 'p2'), peer(3, 'Ola', 'participant', 'p3')], 'nb')
  it.each([
    ['', ['Kari Nordmann', 'Ola', 'Åse']],
    ['  ', ['Kari Nordmann', 'Ola', 'Åse']],
    ['nord', ['Kari Nordmann']],
    ['ÅSE', ['Åse']],
    ['ase', []],
    ['x', []],
  ])('%j', (query, names) => {
    expect(filterPeople(people, query).map((p) => p.name)).toEqual(names)
  })
})
