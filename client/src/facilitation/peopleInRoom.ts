import type { Role } from '../../../shared/access'

/** The presence fields the people list needs (client/src/store/types.ts `Peer`). */
export interface PresentPeer {
  clientId: number
  name: string
  color: string
  role: Role | null
  participantId: string
}

/** One person in the room: a participant's tabs and devices with the same identity count once. */
export interface PresentPerson {
  key: string
  name: string
  color: string
  /** null: a server that does not stamp roles (or an old client); shown as unknown, never removable. */
  role: Role | null
  participantId: string
  /** Open tabs or devices with this identity. */
  connections: number
}

export interface PeopleInRoom {
  people: PresentPerson[]
  counts: Record<Role | 'unknown', number>
}

const roleOrder: Record<Role | 'unknown', number> = { facilitator: 0, participant: 1, observer: 2, unknown: 3 }

/**
 * Who is here, for the facilitator's list and the join screen's count. A participant's personal
 * id is theirs alone, so two tabs with it are one person; facilitators and observers share their
 * link's id, so each connection of theirs is a person of its own. Facilitators first, then
 * participants, observers and the unknown, each by name.
 */
export function peopleInRoom(peers: readonly PresentPeer[], locale?: string): PeopleInRoom {
  const byKey = new Map<string, PresentPerson>()
  for (const peer of peers) {
    const personal = peer.role === 'participant' && peer.participantId !== ''
    const key = personal ? `p:${peer.participantId}` : `c:${peer.clientId}`
    const known = byKey.get(key)
    if (known) {
      known.connections++
      // Tabs of one person normally share the name; an empty one takes the other's.
      if (!known.name && peer.name) known.name = peer.name
      continue
    }
    byKey.set(key, { key, name: peer.name, color: peer.color, role: peer.role, participantId: peer.participantId, connections: 1 })
  }
  const people = [...byKey.values()].sort(
    (a, b) => roleOrder[a.role ?? 'unknown'] - roleOrder[b.role ?? 'unknown'] || a.name.localeCompare(b.name, locale) || (a.key < b.key ? -1 : 1),
  )
  const counts: PeopleInRoom['counts'] = { facilitator: 0, participant: 0, observer: 0, unknown: 0 }
  for (const person of people) counts[person.role ?? 'unknown']++
  return { people, counts }
}

/** People whose name contains what was typed, ignoring case (å, æ, ø are letters of their own, not accents). */
export function filterPeople(people: readonly PresentPerson[], query: string): PresentPerson[] {
  const q = query.trim().toLocaleLowerCase()
  if (!q) return [...people]
  return people.filter((p) => p.name.toLocaleLowerCase().includes(q))
}
