/**
 * Every table of the workshop database holding something of one workshop, and how its rows name
 * the workshop: what the retention tests count before and after a sweep (SQLite and PostgreSQL).
 */
export const workshopTables = [
  ['workshops', 'id'],
  ['updates', 'workshop_id'],
  ['snapshots', 'workshop_id'],
  ['history', 'workshop_id'],
  ['workshop_access', 'workshop_id'],
  ['removed_participants', 'workshop_id'],
  ['workshop_staff', 'workshop_id'],
  ['workshop_activity', 'workshop_id'],
] as const
