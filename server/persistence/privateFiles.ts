import fs from 'node:fs'
import path from 'node:path'
import type { Logger } from '../log'

/**
 * DATA_DIR holds the database, the server secret and residents' photos: only the user the server
 * runs as may enter it or read them (on a shared host, 644 files in a 755 directory were readable
 * by every local account). Modes are set explicitly, not left to the umask, which only takes bits
 * away and differs between a shell, systemd and a container.
 */
export const PRIVATE_DIR_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600

/** Creates `dir` (and missing parents) and makes it 0700. */
export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  tighten(dir, PRIVATE_DIR_MODE)
}

/** Creates `file` empty if missing, without truncating one that exists, and makes it 0600. */
export function makePrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE))
  tighten(file, PRIVATE_FILE_MODE)
}

/** Makes an existing file 0600; a missing one is no error (SQLite's -wal and -shm come and go). */
export function tightenIfExists(file: string): void {
  try {
    tighten(file, PRIVATE_FILE_MODE)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}

/**
 * On start: DATA_DIR and its images folder 0700, every stored photo 0600. An installation from
 * before this rule gets its modes once and a log line saying how many were too open.
 */
export function secureDataDir(dataDir: string, log: Logger): void {
  makePrivateDir(dataDir)
  let loosened = 0
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const entryPath = path.join(dir, entry.name)
      if (entry.isDirectory()) {
        if (tighten(entryPath, PRIVATE_DIR_MODE)) loosened++
        walk(entryPath)
      } else if (entry.isFile() && tighten(entryPath, PRIVATE_FILE_MODE)) loosened++
    }
  }
  const images = path.join(dataDir, 'images')
  if (fs.existsSync(images)) {
    if (tighten(images, PRIVATE_DIR_MODE)) loosened++
    walk(images)
  }
  if (loosened > 0) log.warn({ dataDir, count: loosened }, 'photos and folders others could read are now private (0600/0700)')
}

/** Sets the mode when it differs; true when it had to. */
function tighten(target: string, mode: number): boolean {
  if ((fs.statSync(target).mode & 0o777) === mode) return false
  fs.chmodSync(target, mode)
  return true
}
