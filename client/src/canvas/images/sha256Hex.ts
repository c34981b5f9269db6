import { sha256 } from '@noble/hashes/sha256'
import { bytesToHex } from '@noble/hashes/utils'

/**
 * Lower-case hex SHA-256 of `bytes`, the image's name on the server. `crypto.subtle` exists only in
 * secure contexts, so a municipal LAN install on plain http gets the pure-JS digest instead (a few
 * milliseconds for a 4 MB photo is fine next to decoding and downscaling it).
 */
export async function sha256Hex(bytes: Uint8Array, subtle: SubtleCrypto | undefined = globalThis.crypto?.subtle): Promise<string> {
  if (!subtle) return bytesToHex(sha256(bytes))
  const digest = await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)
  return bytesToHex(new Uint8Array(digest))
}
