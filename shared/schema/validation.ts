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
