/** Seconds to wait after a 429, from its body or its Retry-After header (a minute when neither says). */
export function retryAfter(body: unknown, response: Response): number {
  const seconds = Number((body as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds ?? response.headers.get('retry-after'))
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 60
}
