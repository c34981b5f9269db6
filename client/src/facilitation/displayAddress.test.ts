import { describe, expect, it } from 'vitest'
import { displayAddress } from './displayAddress'

describe('displayAddress', () => {
  it.each([
    ['https://samskap.kommune.no/join', 'samskap.kommune.no/join'],
    ['http://127.0.0.1:5173/join', '127.0.0.1:5173/join'],
    ['HTTPS://www.example.org/join/', 'example.org/join'],
    ['  https://a.no/join  ', 'a.no/join'],
    ['a.no/join', 'a.no/join'],
  ])('%j -> %j', (url, shown) => {
    expect(displayAddress(url)).toBe(shown)
  })
})
