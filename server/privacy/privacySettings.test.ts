import { describe, expect, it } from 'vitest'
import { DEFAULT_RETENTION_DAYS, privacySettingsFromEnv, retentionDaysFromEnv } from './privacySettings'

describe('privacySettingsFromEnv', () => {
  it('is empty with a year of retention when nothing is set', () => {
    expect(privacySettingsFromEnv({})).toEqual({ controller: '', contact: '', retentionDays: DEFAULT_RETENTION_DAYS })
    expect(DEFAULT_RETENTION_DAYS).toBe(365)
  })

  it('reads the controller and contact as one trimmed line', () => {
    const settings = privacySettingsFromEnv({ PRIVACY_CONTROLLER: '  Bodø kommune\n v/ rådmannen ', PRIVACY_CONTACT: 'personvern@bodo.kommune.no', RETENTION_DAYS: '90' })
    expect(settings).toEqual({ controller: 'Bodø kommune v/ rådmannen', contact: 'personvern@bodo.kommune.no', retentionDays: 90 })
    expect(privacySettingsFromEnv({ PRIVACY_CONTROLLER: 'x'.repeat(1000) }).controller).toHaveLength(300)
  })

  it.each(['0', '-5', '1.5', 'ett år', '3651'])('refuses RETENTION_DAYS=%j at start-up, naming the variable', (raw) => {
    expect(() => retentionDaysFromEnv({ RETENTION_DAYS: raw })).toThrow(/RETENTION_DAYS/)
  })
})
