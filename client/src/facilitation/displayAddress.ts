/**
 * An address as people type it off a projector: no "https://", no "www.", no trailing slash.
 * Browsers on phones add the scheme themselves; the rest is noise from the back of a hall.
 */
export function displayAddress(url: string): string {
  return url.trim().replace(/^https?:\/\//i, '').replace(/^www\./i, '').replace(/\/+$/, '')
}
