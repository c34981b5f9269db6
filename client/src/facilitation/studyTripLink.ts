/**
 * The study-trip link: the participant link, opening quick capture (`/w/<id>/capture`) instead of
 * the board, so travellers land on "Notat" and "Foto" from a QR code. The token stays in the query:
 * it admits them as participants, like the link it is made from.
 */
export function studyTripLink(participantLink: string): string {
  const url = new URL(participantLink)
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/capture`
  return url.toString()
}
