import assert from 'node:assert/strict'
import type { ExtensionMessage, RoomExtension } from './RoomExtension'

type Hook<K extends keyof RoomExtension> = NonNullable<RoomExtension[K]>

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
    const bound = <K extends Exclude<keyof RoomExtension, 'name' | 'messages'>>(hook: K): Hook<K>[] =>
      extensions.flatMap((extension) => {
        const fn = extension[hook] as ((...args: never[]) => unknown) | undefined
        return fn ? [fn.bind(extension) as Hook<K>] : []
      })
    this.onConnect = bound('onConnect')
    this.beforeApply = bound('beforeApply')
    this.checkApplied = bound('checkApplied')
    this.afterApply = bound('afterApply')
    this.onRefused = bound('onRefused')
    this.onAwareness = bound('onAwareness')
    this.afterCommit = bound('afterCommit')
    this.beforeUnload = bound('beforeUnload')
    this.atUnload = bound('atUnload')
    this.onDestroy = bound('onDestroy')
    for (const extension of extensions) {
      for (const message of extension.messages ?? []) {
        assert(!this.messages.has(message.type), `message type ${message.type} claimed twice (${extension.name})`)
        this.messages.set(message.type, message)
      }
    }
  }
}
