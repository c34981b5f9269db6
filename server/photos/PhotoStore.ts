/**
 * Where residents' photos are kept, content-addressed by the SHA-256 of their bytes: files under
 * DATA_DIR/images with one process (FilePhotoStore), a table in PostgreSQL with DATABASE_URL
 * (PostgresPhotoStore), so every instance serves a photo uploaded through any of them. The checks
 * (size, type, who may upload) are the HTTP route's (server/http/imagesApi.ts), the same for both.
 */
export interface PhotoStore {
  /** Stores checked bytes under their hash; false when they were there already (same bytes, same hash). */
  put(hash: string, bytes: Buffer, mime: string): Promise<boolean>
  /** The bytes, or null when no photo has that hash. */
  get(hash: string): Promise<Buffer | null>
  /** Bytes on disk of each stored photo among `hashes` (for the administrator's overview); absent ones are left out. */
  sizes(hashes: Iterable<string>): Promise<Map<string, number>>
  /** Removes one photo; false when it was not there. */
  delete(hash: string): Promise<boolean>
  close(): Promise<void>
}
