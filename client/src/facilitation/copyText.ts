/**
 * Copies text to the clipboard; false when the browser will not (plain http on a LAN has no
 * clipboard API, and some browsers leave the promise pending behind a permission prompt).
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await Promise.race([
      navigator.clipboard.writeText(text),
      new Promise((_, reject) => setTimeout(() => reject(new Error('clipboard timeout')), 1500)),
    ])
    return true
  } catch {
    return false
  }
}
