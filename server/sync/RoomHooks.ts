import assert from 'node:assert/strict'
import type { AppliedUpdate, ExtensionMessage, Refusal, RoomExtension } from './RoomExtension'

type HookName = Exclude<keyof RoomExtension, 'name' | 'messages'>

/**
 * A room's extensions sorted by hook, once: the message path runs a handful of hooks for every
 * update, and finds them here without looking at every extension each time.
 */
export class RoomHooks {
  readonly extensions: readonly RoomExtension[]
  readonly onConnect: readonly RoomExtension[]
  readonly beforeApply: readonly RoomExtension[]
  readonly checkApplied: readonly RoomExtension[]
  readonly afterApply: readonly RoomExtension[]
  readonly onRefused: readonly RoomExtension[]
  readonly onAwareness: readonly RoomExtension[]
  readonly afterCommit: readonly RoomExtension[]
  readonly beforeUnload: readonly RoomExtension[]
  readonly onDestroy: readonly RoomExtension[]
  /** Extra message types by number; two extensions cannot claim the same one. */
  readonly messages = new Map<number, ExtensionMessage>()

  constructor(extensions: readonly RoomExtension[]) {
    this.extensions = extensions
    const having = (hook: HookName) => extensions.filter((extension) => typeof extension[hook] === 'function')
    this.onConnect = having('onConnect')
    this.beforeApply = having('beforeApply')
    this.checkApplied = having('checkApplied')
    this.afterApply = having('afterApply')
    this.onRefused = having('onRefused')
    this.onAwareness = having('onAwareness')
    this.afterCommit = having('afterCommit')
    this.beforeUnload = having('beforeUnload')
    this.onDestroy = having('onDestroy')
    for (const extension of extensions) {
      for (const message of extension.messages ?? []) {
        assert(!this.messages.has(message.type), `message type ${message.type} claimed twice (${extension.name})`)
        this.messages.set(message.type, message)
      }
    }
  }

  /** Runs `checkApplied` in order; the first refusal wins. */
  check(applied: AppliedUpdate): Refusal | null {
    for (const extension of this.checkApplied) {
      const refusal = extension.checkApplied!(applied)
      if (refusal) return refusal
    }
    return null
  }
}
