import { useEffect, useState } from 'react'
import { getUploadState, subscribeUpload } from '../canvas/images/imageQueue'

const pendingOf = (hashes: readonly string[]) => hashes.filter((h) => ['pending', 'uploading'].includes(getUploadState(h)?.status ?? ''))

/** Which of these photos are still waiting in this browser's upload queue. */
export function usePendingUploads(hashes: readonly string[]): readonly string[] {
  const [pending, setPending] = useState(() => pendingOf(hashes))
  useEffect(() => {
    const recount = () => setPending(pendingOf(hashes))
    recount()
    const offs = hashes.map((h) => subscribeUpload(h, recount))
    return () => {
      for (const off of offs) off()
    }
  }, [hashes])
  return pending
}
