import { AddressQuota } from './AddressQuota'
import type { Counters } from './Counters'
import type { Limits } from './limits'

/**
 * A resident's erasures of their own notes per hour in one workshop (`own.erase`,
 * server/limits/README.md): each erasure takes one from the person's budget (their participant id)
 * and one from their address's. The person's budget keeps one resident's erasures from spending
 * anyone else's; the address's is there because an identity is cheap: the shared participant link
 * gives every socket, and every exchange of the link for a personal token, a new participant id,
 * so reconnecting would otherwise bring a fresh budget. A person refused by their own budget takes
 * nothing from the address's, and one the address refuses gets theirs back.
 */
export class EraseBudget {
  readonly #person: AddressQuota
  readonly #address: AddressQuota

  constructor(counters: Counters, limits: Pick<Limits, 'ownErasesPerPersonPerHour' | 'ownErasesPerAddressPerHour'>) {
    this.#person = new AddressQuota(counters, 'erases', limits.ownErasesPerPersonPerHour)
    this.#address = new AddressQuota(counters, 'erasesByAddress', limits.ownErasesPerAddressPerHour)
  }

  /** Takes one erasure: null when there was one, else how long until there is. */
  async take(workshopId: string, participantId: string, address: string): Promise<{ retryAfterSeconds: number } | null> {
    const person = `${workshopId}:${participantId}`
    const refused = await this.#person.take(person)
    if (refused) return refused
    const byAddress = await this.#address.take(`${workshopId}:${address}`)
    if (byAddress) await this.#person.giveBack(person)
    return byAddress
  }
}
