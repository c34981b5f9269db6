/**
 * `npm run schema:fingerprint`: adds the fingerprint of every record kind's current version that has
 * none to shared/schema/schemaFingerprints.json. It never replaces a stored one: a version whose
 * validator changed is refused (exit 1) with what to do instead, a new version and a migration step.
 */
import fs from 'node:fs'
import path from 'node:path'
import { addFingerprints, explainFingerprintProblem, type SchemaFingerprints } from './schemaFingerprint'

const file = path.join(import.meta.dirname, 'schemaFingerprints.json')
const stored = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as SchemaFingerprints) : {}
const { next, added, refused } = addFingerprints(stored)

if (refused.length > 0) {
  for (const problem of refused) console.error(explainFingerprintProblem(problem))
  console.error('Nothing was written.')
  process.exit(1)
}
if (added.length === 0) {
  console.info('Every current version has its fingerprint; nothing to add.')
} else {
  fs.writeFileSync(file, JSON.stringify(next, null, 2) + '\n')
  console.info(`Added ${added.join(', ')} to ${path.relative(process.cwd(), file)}.`)
}
