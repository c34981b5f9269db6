import assert from 'node:assert/strict'
import type { ExtensionMessage, RoomExtension } from './RoomExtension'

type Hook<K extends keyof RoomExtension> = NonNullable<RoomExtension[K]>
type HookName = Exclude<keyof RoomExtension, 'name' | 'messages'>

/** Every hook, once: the compiler refuses this object if a hook is added to RoomExtension and not here. */
const everyHook: Record<HookName, true> = {
  onConnect: true,
  beforeApply: true,
  checkApplied: true,
  afterApply: true,
  onRefused: true,
  onAwareness: true,
  afterCommit: true,
  beforeUnload: true,
  atUnload: true,
  onDestroy: true,
}
const hookNames = Object.keys(everyHook) as HookName[]

/**
 * A room's extensions sorted by hook, once: the message path runs a handful of hooks for every
 * update, and finds them here (bound to their extension, in order) without looking at every
 * extension each time.
 */
export class RoomHooks {
  /** A room's hooks before its extensions are attached, and a companion document's for good: one for all. */
  static readonly none = new RoomHooks([])

  readonly extensions: readonly RoomExtension[]
  readonly onConnect: readonly Hook<'onConnect'>[]
  readonly beforeApply: readonly Hook<'beforeApply'>[]
  readonly checkApplied: readonly Hook<'checkApplied'>[]
  readonly afterApply: readonly Hook<'afterApply'>[]
  readonly onRefused: readonly Hook<'onRefused'>[]
  readonly onAwareness: readonly Hook<'onAwareness'>[]
  readonly afterCommit: readonly Hook<'afterCommit'>[]
  readonly beforeUnload: readonly Hook<'beforeUnload'>[]
  readonly atUnload: readonly Hook<'atUnload'>[]
  readonly onDestroy: readonly Hook<'onDestroy'>[]
  /** Extra message types by number; two extensions cannot claim the same one. */
  readonly messages = new Map<number, ExtensionMessage>()

  constructor(extensions: readonly RoomExtension[]) {
    this.extensions = extensions
    // One pass, one list per hook: a room is opened for every first joiner, so this runs as often.
    const lists = Object.fromEntries(hookNames.map((hook) => [hook, [] as unknown[]])) as Record<HookName, unknown[]>
    for (const extension of extensions) {
      for (const hook of hookNames) {
        const fn = extension[hook] as ((...args: never[]) => unknown) | undefined
        if (fn) lists[hook].push(fn.bind(extension))
      }
      for (const message of extension.messages ?? []) {
        assert(!this.messages.has(message.type), `message type ${message.type} claimed twice (${extension.name})`)
        this.messages.set(message.type, message)
      }
    }
    this.onConnect = lists.onConnect as Hook<'onConnect'>[]
    this.beforeApply = lists.beforeApply as Hook<'beforeApply'>[]
    this.checkApplied = lists.checkApplied as Hook<'checkApplied'>[]
    this.afterApply = lists.afterApply as Hook<'afterApply'>[]
    this.onRefused = lists.onRefused as Hook<'onRefused'>[]
    this.onAwareness = lists.onAwareness as Hook<'onAwareness'>[]
    this.afterCommit = lists.afterCommit as Hook<'afterCommit'>[]
    this.beforeUnload = lists.beforeUnload as Hook<'beforeUnload'>[]
    this.atUnload = lists.atUnload as Hook<'atUnload'>[]
    this.onDestroy = lists.onDestroy as Hook<'onDestroy'>[]
  }
}
