import { describe, expect, it } from 'vitest'
import { CloseCode, isTerminalCloseCode } from './protocol'

describe('isTerminalCloseCode', () => {
  it.each([
    ['no token', CloseCode.Unauthorized, true],
    ['a wrong or rotated token', CloseCode.Forbidden, true],
    ['a removed participant', CloseCode.Removed, true],
    ['an unknown workshop', CloseCode.WorkshopNotFound, true],
    ['an old client', CloseCode.ClientTooOld, true],
    ['a new client', CloseCode.ClientTooNew, true],
    ['a malformed message', CloseCode.MalformedMessage, true],
    ['a message over the limit', CloseCode.MessageTooLarge, true],
    ['more than a minute\'s budget', CloseCode.RateLimited, true],
    ['too many connections from one address', CloseCode.TooManyConnections, true],
    ['a failed save', CloseCode.ServerError, false],
    ['a server restart', CloseCode.ServerShuttingDown, false],
    ['a dropped network (1006)', 1006, false],
    ['a normal close (1000)', 1000, false],
  ])('%s: %s -> %s', (_name, code, terminal) => {
    expect(isTerminalCloseCode(code)).toBe(terminal)
  })
})
