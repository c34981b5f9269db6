import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { sqliteDdl } from '../persistence/sqliteDdl'
import { STAFF_SCHEMA } from './staffSchema'
import { staffValues, toPendingLogin, toStaffRow, type StaffDbRow } from './staffRows'

const staffRow = (isAdmin: boolean | number, groups: unknown): StaffDbRow => ({
  id: 's1',
  issuer: 'https://idp',
  subject: 'sub',
  name: 'Kari',
  email: 'kari@example.org',
  groups,
  is_admin: isAdmin,
  first_seen_at: '10',
  last_seen_at: 20,
})

describe('staff row mappers shared by SQLite and PostgreSQL', () => {
  it.each([
    ['SQLite', 1, '["planning"]'],
    ['PostgreSQL', true, ['planning']],
  ])('reads a staff row as %s returns it', (_driver, isAdmin, groups) => {
    expect(toStaffRow(staffRow(isAdmin, groups))).toEqual({
      id: 's1',
      issuer: 'https://idp',
      subject: 'sub',
      name: 'Kari',
      email: 'kari@example.org',
      groups: ['planning'],
      isAdmin: true,
      firstSeenAt: 10,
      lastSeenAt: 20,
    })
  })

  it('writes is_admin as 0/1 for SQLite and as a boolean for PostgreSQL, groups as JSON text for both', () => {
    const row = toStaffRow(staffRow(0, []))
    expect(staffValues(row, 'integer')).toEqual(['s1', 'https://idp', 'sub', 'Kari', 'kari@example.org', '[]', 0, 10, 20])
    expect(staffValues(row, 'boolean')).toEqual(['s1', 'https://idp', 'sub', 'Kari', 'kari@example.org', '[]', false, 10, 20])
  })

  it('reads a pending login whose expiry pg hands over as a string', () => {
    const login = { id_hash: 'h', state: 'st', nonce: 'n', code_verifier: 'v', return_to: '/admin' }
    expect(toPendingLogin({ ...login, expires_at: '1700000000000' }).expiresAt).toBe(1_700_000_000_000)
    expect(toPendingLogin({ ...login, expires_at: 5 })).toEqual({ idHash: 'h', state: 'st', nonce: 'n', codeVerifier: 'v', returnTo: '/admin', expiresAt: 5 })
  })
})

describe('the staff tables in SQLite', () => {
  it('are the PostgreSQL tables with SQLite types: every table and column, nothing else', () => {
    const db = new Database(':memory:')
    db.exec(sqliteDdl(STAFF_SCHEMA))
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all()
    expect(tables.map((t) => t.name)).toEqual(['audit_log', 'staff', 'staff_logins', 'staff_sessions', 'workshop_activity', 'workshop_staff'])
    const columns = (table: string) => (db.pragma(`table_info(${table})`) as { name: string; type: string }[]).map((c) => `${c.name} ${c.type}`)
    expect(columns('staff')).toEqual(['id TEXT', 'issuer TEXT', 'subject TEXT', 'name TEXT', 'email TEXT', 'groups TEXT', 'is_admin INTEGER', 'first_seen_at INTEGER', 'last_seen_at INTEGER'])
    expect(columns('audit_log')[0]).toBe('id INTEGER')
    // bigserial became a counted row id: two rows get 1 and 2.
    const insert = db.prepare("INSERT INTO audit_log (workshop_id, at, action, actor_kind, detail) VALUES ('w', 1, 'created', 'link', '')")
    insert.run()
    expect(insert.run().lastInsertRowid).toBe(2)
    db.close()
  })
})
