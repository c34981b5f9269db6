/** Cursor colours dark enough for white name labels (contrast ≥ 4.5:1). */
export const peerColors = ['#b3261e', '#7b1fa2', '#1a5fb4', '#00695c', '#2e7d32', '#8d4e00', '#ad1457', '#4e342e']

/** Same colour for the same client everywhere, without coordination. */
export function peerColor(clientId: number): string {
  return peerColors[Math.abs(clientId) % peerColors.length]!
}
