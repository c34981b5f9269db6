import { generateKeyBetween } from 'fractional-indexing'
import * as v from 'valibot'

/** What a validator returns: the typed record, or a message that says what is wrong. */
export type ValidationResult<T> = { ok: true; value: T } | { ok: false; error: string }

export function validateWith<T>(
  schema: v.GenericSchema<unknown, T>,
  kind: string,
  input: unknown,
): ValidationResult<T> {
  const result = v.safeParse(schema, input)
  if (result.success) return { ok: true, value: result.output }
  const issue = result.issues[0]
  const path = issue?.path?.map((p) => String(p.key)).join('.') ?? ''
  return { ok: false, error: `${kind}${path ? `.${path}` : ''}: ${issue?.message ?? 'invalid'}` }
}

/** Ids are random URL-safe strings (nanoid); the bound keeps hostile input out of the document. */
export const idSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a URL-safe id'))

export const finiteNumber = v.pipe(v.number(), v.finite('must be a finite number'))

/**
 * Longest fractional index (`order` of boards, cards, stakeholder groups). A key grows by about one
 * character per six insertions into the same gap (fractional-indexing, base 62), so this leaves
 * room for thousands of moves to one spot; it keeps a hostile key from weighing a megabyte.
 */
export const ORDER_MAX = 1000

/**
 * Whether `key` is a fractional index the ordering code can place something after: a key it would
 * throw on (a fraction ending in 0, a character outside base 62) breaks every move near it.
 */
export function isOrderKey(key: string): boolean {
  if (!/^[A-Za-z][0-9A-Za-z]*$/.test(key)) return false
  try {
    generateKeyBetween(key, null)
    return true
  } catch {
    return false
  }
}

export const orderSchema = v.pipe(
  v.string(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(ORDER_MAX, `at most ${ORDER_MAX} characters`),
  v.check(isOrderKey, 'must be a fractional index key'),
)

/**
 * For migration steps that bound `order`: a key cut to ORDER_MAX (and its trailing zeros, which
 * fractional indexes may not end in) sorts where it did unless two keys shared their first
 * thousand characters; a key that is still not one becomes `a0` (ties are broken by id).
 */
export function clampOrderKey(value: unknown): string {
  if (typeof value !== 'string') return 'a0'
  if (value.length <= ORDER_MAX && isOrderKey(value)) return value
  const cut = value.slice(0, ORDER_MAX).replace(/0+$/, '')
  return isOrderKey(cut) ? cut : 'a0'
}
