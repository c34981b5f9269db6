import type { IncomingMessage, ServerResponse } from 'node:http'
import type { PrivacyInfo } from '../../shared/privacy'
import type { HttpDeps } from './HttpDeps'
import { sendJson } from './httpResponses'

/** `GET /api/privacy`: what the privacy page shows from the operator's settings (public, no token). */
export function getPrivacy(_request: IncomingMessage, response: ServerResponse, deps: HttpDeps): void {
  const { controller, contact, retentionDays } = deps.config.privacy
  const info: PrivacyInfo = { controller, contact, retentionDays }
  sendJson(response, 200, info)
}
