/**
 * What yjs uses of lib0/logging (`print`, `warn` and four style markers), for the browser build
 * (vite.config.ts aliases `lib0/logging` here): the same messages on the console, unstyled. lib0's
 * own module brings its DOM console, colour detection and lib0/dom.js with it, about 1 KB gzipped
 * on every page, and the phone page has none to spare for them (tests/e2e/phoneBudget.test.ts).
 */
export const BOLD = Symbol('bold')
export const UNBOLD = Symbol('unbold')
export const RED = Symbol('red')
export const ORANGE = Symbol('orange')

const text = (args: unknown[]): unknown[] => args.filter((arg) => typeof arg !== 'symbol')

export function print(...args: unknown[]): void {
  console.log(...text(args))
}

export function warn(...args: unknown[]): void {
  console.warn(...text(args))
}
