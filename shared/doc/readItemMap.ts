import { validateItem, type ItemRecord } from '../schema/schema'
import type { ValidationResult } from '../schema/validation'
import { plainFieldsOf, withItsKey } from './readRecords'

/**
 * Reads an item of any kind out of the document, checked as readRecords.ts describes: the server's
 * check of every client update and the board's store read items this way. (Apart from
 * readRecords.ts because it loads every kind's validator; the phone reads with `itemReaderOf`.)
 */
export function readItemMap(id: string, value: unknown): ValidationResult<ItemRecord> {
  const fields = plainFieldsOf(value, 'item')
  if (!fields.ok) return fields
  return withItsKey(id, validateItem(fields.value))
}
