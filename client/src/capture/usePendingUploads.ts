import { useEffect, useState } from 'react'
import { getUploadState, subscribeUpload } from '../canvas/images/imageQueue'

/** How many of these photos are still waiting in this browser's upload queue. */
export function usePendingUploads(hashes: readonly string[]): number {
  const count = () => hashes.filter((h) => ['pending', 'uploading'].includes(getUploadState(h)?.status ?? '')).length
  const [pending, setPending] = useState(count)
  useEffect(() => {
    const recount = () => setPending(hashes.filter((h) => ['pending', 'uploading'].includes(getUploadState(h)?.status ?? '')).length)
    recount()
    const offs = hashes.map((h) => subscribeUpload(h, recount))
    return () => {
      for (const off of offs) off()
    }
  }, [hashes])
  return pending
}
