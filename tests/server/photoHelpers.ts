import { createHash } from 'node:crypto'
import type { CreatedWorkshop } from '../../shared/access'
import { createRecordMap, getWorkshopMaps, type WorkshopMaps } from '../../shared/doc/workshopDoc'
import type { SamskapServer } from '../../server/createSamskapServer'
import { synced, type TestResources, waitFor } from './helpers'

// Photos and notes in a workshop, the way a facilitator's browser adds them: shared by the retention
// tests (SQLite and PostgreSQL) and the photo tests.

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** `POST /api/images` with the workshop's facilitator token (or another), as `type`. */
export function uploadPhoto(server: SamskapServer, workshop: CreatedWorkshop, bytes: Buffer, token = workshop.token, type = 'image/png'): Promise<Response> {
  return fetch(`${server.url}/api/images?workshop=${workshop.id}`, {
    method: 'POST',
    headers: { 'content-type': type, authorization: `Bearer ${token}` },
    body: new Uint8Array(bytes),
  })
}

/** Writes to the workshop's first board through a real socket on `server`, and waits until its room has unloaded there (everything stored). */
export async function writeAndUnload(
  resources: TestResources,
  server: SamskapServer,
  workshop: CreatedWorkshop,
  write: (items: WorkshopMaps['items'], boardId: string) => void,
): Promise<void> {
  const client = resources.connect(server.url, workshop.id, { params: { token: workshop.token } })
  await synced(client.provider)
  const { boards, items } = getWorkshopMaps(client.doc)
  write(items, [...boards.keys()][0]!)
  // The edit is stored once the server answers the next sync step; then closing unloads the room.
  await synced(client.provider)
  client.provider.destroy()
  await waitFor(() => !server.rooms.loadedWorkshopIds().includes(workshop.id), 'the room to unload')
}

/** Puts photos on the workshop's first board (writeAndUnload). */
export function placePhotos(resources: TestResources, server: SamskapServer, workshop: CreatedWorkshop, hashes: string[]): Promise<void> {
  return writeAndUnload(resources, server, workshop, (items, boardId) => {
    hashes.forEach((hash, index) => {
      const id = `photo${index}`
      items.set(id, createRecordMap({ id, kind: 'image', boardId, x: index * 50, y: 0, w: 40, h: 40, hash, mime: 'image/png', alt: '', createdAt: 1 }))
    })
  })
}
