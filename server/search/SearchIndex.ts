import type { SearchEntry, SearchEntryKind } from '../../shared/followup/searchEntries'

/**
 * The knowledge bank's full-text index: the search entries of every workshop (shared/followup),
 * in the database's own full-text search (SQLite FTS5, or PostgreSQL's tsvector with the
 * workshop's language). It is derived data: kept current from the rooms' commits
 * (`searchIndexExtension`), and a workshop's entries go when it is deleted (`removeWorkshop`).
 * Which workshops a person may search is the caller's business: every search names them.
 */
export interface SearchIndex {
  /**
   * Replaces everything indexed for the workshop (its first indexing after a room loads). `version`:
   * the document's version the entries were read from (documentVersion.ts), stored with them in the
   * same transaction; none: unknown, so the next room to load the workshop indexes it again.
   */
  replaceWorkshop(workshopId: string, language: string, entries: readonly SearchEntry[], version?: string): Promise<void>
  /** Writes changed and new entries and removes entries by record id, in one transaction (`version` as above). */
  updateWorkshop(workshopId: string, language: string, change: IndexChange, version?: string): Promise<void>
  /**
   * The document version the workshop's entries were last written from, or null: a room whose
   * document is at that version has nothing to write (an unchanged room writes nothing at unload).
   */
  indexedVersion(workshopId: string): Promise<string | null>
  /** Forgets the workshop (deleted, or past retention). */
  removeWorkshop(workshopId: string): Promise<void>
  /** The workshops that have any entries (the backfill indexes the others: searchBackfill.ts). */
  indexedWorkshopIds(): Promise<Set<string>>
  /** The best matches among the given workshops, best first. */
  search(query: SearchQuery): Promise<SearchHit[]>
  close(): Promise<void>
}

export interface IndexChange {
  upsert: readonly SearchEntry[]
  remove: readonly string[]
}

export interface SearchQuery {
  /** From `searchTerms`: at least one. */
  terms: readonly string[]
  workshopIds: readonly string[]
  limit: number
}

export interface SearchHit {
  workshopId: string
  /** The workshop's title as indexed ('' if its entry is missing). */
  workshopTitle: string
  boardId: string
  recordId: string
  kind: SearchEntryKind
  title: string
  /** A piece of the body around the match, or its start; plain text. */
  snippet: string
}

export const SEARCH_TERMS_MAX = 8
const TERM_MAX = 64

/**
 * The words of what a person typed: letters and digits only (so nothing reaches the databases'
 * query syntax), lower case, at most `SEARCH_TERMS_MAX`, each matched as a prefix ("benk" finds
 * "benker"). Empty when nothing searchable was typed.
 */
export function searchTerms(text: string): string[] {
  const words = text.normalize('NFC').toLocaleLowerCase('nb').match(/[\p{L}\p{N}]+/gu) ?? []
  return [...new Set(words.map((w) => w.slice(0, TERM_MAX)))].slice(0, SEARCH_TERMS_MAX)
}

/** PostgreSQL's text search configuration for a workshop language; `simple` where it has none. */
export function textSearchConfig(language: string): 'norwegian' | 'danish' | 'swedish' | 'english' | 'simple' {
  const primary = language.toLowerCase().split('-')[0]
  switch (primary) {
    case 'nb':
    case 'nn':
    case 'no':
      return 'norwegian'
    case 'da':
      return 'danish'
    case 'sv':
      return 'swedish'
    case 'en':
      return 'english'
    default:
      return 'simple'
  }
}
