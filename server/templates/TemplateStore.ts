/** A saved template (table `workshop_templates`): a workshop's structure, kept for colleagues. */
export interface TemplateRow {
  id: string
  name: string
  language: string
  /** The staff member who saved it (`staff.id`). */
  createdBy: string
  createdAt: number
  boards: number
  /** The template as a workshop JSON export (shared/export/workshopJson.ts) of `templateOf`'s records. */
  body: string
}

/**
 * Templates of one's own, in the same database as the workshops (SQLite or PostgreSQL). Not a
 * workshop: retention never deletes one, and deleting the workshop it was saved from leaves it.
 */
export interface TemplateStore {
  /** Every template without its body, newest first. */
  list(): Promise<Omit<TemplateRow, 'body'>[]>
  get(id: string): Promise<TemplateRow | undefined>
  insert(row: TemplateRow): Promise<void>
  /** Resolves with whether there was one. */
  delete(id: string): Promise<boolean>
  close(): Promise<void>
}

export interface TemplateDbRow {
  id: string
  name: string
  language: string
  created_by: string
  created_at: number | string
  boards: number
  body?: string
}

export function toTemplateRow(row: TemplateDbRow): TemplateRow {
  return {
    id: row.id,
    name: row.name,
    language: row.language,
    createdBy: row.created_by,
    // PostgreSQL returns bigint as a string.
    createdAt: Number(row.created_at),
    boards: row.boards,
    body: row.body ?? '',
  }
}

/** The values of a template in column order: id, name, language, created_by, created_at, boards, body. */
export function templateValues(row: TemplateRow): unknown[] {
  return [row.id, row.name, row.language, row.createdBy, row.createdAt, row.boards, row.body]
}

/** The templates table, written once in PostgreSQL's types for both stores (SQLite's through sqliteDdl). */
export const TEMPLATES_SCHEMA = `
CREATE TABLE IF NOT EXISTS workshop_templates (
  id text PRIMARY KEY,
  name text NOT NULL,
  language text NOT NULL,
  created_by text NOT NULL,
  created_at bigint NOT NULL,
  boards integer NOT NULL,
  body text NOT NULL
);
`
