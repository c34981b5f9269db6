import { describe, expect, it } from 'vitest'
import { parseRoute } from '../lib/route'
import { studyTripLink } from './studyTripLink'

describe('studyTripLink', () => {
  it('opens quick capture with the participant token', () => {
    const link = studyTripLink('https://samskap.kommune.no/w/abc123DEF456ghij78/?token=p.x%2By')
    const url = new URL(link)
    expect(url.pathname).toBe('/w/abc123DEF456ghij78/capture')
    expect(url.searchParams.get('token')).toBe('p.x+y')
  })

  it('is a route the app opens as the capture page', () => {
    const url = new URL(studyTripLink('http://127.0.0.1:5173/w/abc123DEF456ghij78?token=t'))
    expect(parseRoute(url.pathname, url.search)).toEqual({ page: 'capture', workshopId: 'abc123DEF456ghij78' })
  })
})
