import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../persistence/privateFiles'
import type { PhotoStore } from './PhotoStore'

/** DATA_DIR/images/<first two hex digits>/<hash>: at most 256 entries per folder level. */
export function imagePath(imagesDir: string, hash: string): string {
  return path.join(imagesDir, hash.slice(0, 2), hash)
}

/** Photos as files under DATA_DIR/images (one process; 0600 in 0700 folders, see privateFiles.ts). */
export class FilePhotoStore implements PhotoStore {
  constructor(readonly imagesDir: string) {}

  async put(hash: string, bytes: Buffer): Promise<boolean> {
    const target = imagePath(this.imagesDir, hash)
    if (await exists(target)) return false
    await fs.mkdir(path.dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE })
    // Write beside the target, then rename: a reader never sees half a file, and two uploads of the
    // same bytes at once both end with the same complete file.
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`
    try {
      await fs.writeFile(temp, bytes, { flag: 'wx', mode: PRIVATE_FILE_MODE })
      await fs.rename(temp, target)
    } catch (error) {
      await fs.rm(temp, { force: true })
      throw error
    }
    return true
  }

  async get(hash: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(imagePath(this.imagesDir, hash))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
  }

  async sizes(hashes: Iterable<string>): Promise<Map<string, number>> {
    const sizes = new Map<string, number>()
    for (const hash of hashes) {
      try {
        sizes.set(hash, (await fs.stat(imagePath(this.imagesDir, hash))).size)
      } catch {
        // Not uploaded (yet): takes no room.
      }
    }
    return sizes
  }

  async delete(hash: string): Promise<boolean> {
    try {
      await fs.unlink(imagePath(this.imagesDir, hash))
      return true
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
      throw error
    }
  }

  async close(): Promise<void> {}
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file)
    return true
  } catch {
    return false
  }
}
