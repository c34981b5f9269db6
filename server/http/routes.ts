import type { IncomingMessage, ServerResponse } from 'node:http'
import { SYNC_PATH } from '../../shared/protocol'
import { deleteWorkshop, listWorkshops, transferWorkshop } from '../admin/adminApi'
import { finishSignIn, me, signOut, startSignIn } from '../auth/authApi'
import { workshopAudit } from '../staff/auditApi'
import { myWorkshops, searchStaff, workshopStaff } from '../staff/staffApi'
import { closeLegacyAccess, getAccess, join, rotateAccess } from './accessApi'
import { changeAction } from './actionChangeApi'
import { listActions } from './actionsApi'
import { startFollowUp } from './followUpApi'
import { getHistoryEntry, listHistory, makeCheckpoint } from './historyApi'
import type { HttpDeps } from './HttpDeps'
import { sendJson } from './httpResponses'
import { serveImage, uploadImage } from './imagesApi'
import { importWorkshop } from './importApi'
import { getPrivacy } from './privacyApi'
import type { Route } from './router'
import { search } from './searchApi'
import { listStakeholders, recordStakeholderTakeOver } from './stakeholdersApi'
import { deleteTemplate, listTemplates, saveTemplate } from './templatesApi'
import { serveStatic } from './staticFiles'
import { createWorkshop, getWorkshop } from './workshopsApi'

/**
 * Every HTTP route, first match wins (so `/api/workshops/import` comes before `/api/workshops/<id>`).
 * The websocket upgrade of `/sync/<id>` is not here: server/sync/SyncServer.ts takes it.
 */
export const routes: readonly Route[] = [
  { path: '/healthz', ANY: health },
  { path: '/metrics', ANY: metricsText },
  { path: '/api/workshops', POST: createWorkshop, wrongMethod: 'Use POST to create a workshop' },
  { path: '/api/workshops/import', POST: importWorkshop, wrongMethod: 'Use POST to import a workshop' },
  { path: /^\/api\/workshops\/([^/]+)$/, GET: getWorkshop, wrongMethod: 'Only GET is supported here' },
  { path: '/api/join', POST: join, wrongMethod: 'Use POST to join a workshop' },
  { path: /^\/api\/workshops\/([^/]+)\/access\/?$/, GET: getAccess, wrongMethod: 'Use GET here' },
  { path: /^\/api\/workshops\/([^/]+)\/access\/rotate\/?$/, POST: rotateAccess, wrongMethod: 'Use POST here' },
  { path: /^\/api\/workshops\/([^/]+)\/access\/close-legacy\/?$/, POST: closeLegacyAccess, wrongMethod: 'Use POST here' },
  { path: /^\/api\/workshops\/([^/]+)\/follow-up\/?$/, POST: startFollowUp, wrongMethod: 'Use POST to start a follow-up workshop' },
  { path: /^\/api\/workshops\/([^/]+)\/template\/?$/, POST: saveTemplate, wrongMethod: 'Use POST to save a workshop as a template' },
  { path: /^\/api\/workshops\/([^/]+)\/history\/?$/, GET: listHistory, POST: makeCheckpoint, wrongMethod: 'Use GET to list or POST to make a checkpoint' },
  { path: /^\/api\/workshops\/([^/]+)\/history\/([^/]+)\/?$/, GET: getHistoryEntry, wrongMethod: 'Only GET is supported here' },
  // Staff sign-in, their workshops and the administrator's overview (server/auth, server/staff, server/admin).
  { path: '/auth/login', GET: startSignIn, wrongMethod: 'Use GET to sign in' },
  { path: '/auth/callback', GET: finishSignIn, wrongMethod: 'Only GET is supported here' },
  { path: '/auth/logout', POST: signOut, wrongMethod: 'Use POST to sign out' },
  { path: '/api/me', GET: me, wrongMethod: 'Only GET is supported here' },
  { path: '/api/me/workshops', GET: myWorkshops, wrongMethod: 'Only GET is supported here' },
  { path: '/api/staff', GET: searchStaff, wrongMethod: 'Only GET is supported here' },
  { path: /^\/api\/workshops\/([^/]+)\/staff\/?$/, GET: workshopStaff, POST: workshopStaff, wrongMethod: 'Use GET to list or POST to change' },
  { path: /^\/api\/workshops\/([^/]+)\/audit\/?$/, GET: workshopAudit, wrongMethod: 'Only GET is supported here' },
  { path: '/api/admin/workshops', GET: listWorkshops, wrongMethod: 'Only GET is supported here' },
  { path: /^\/api\/admin\/workshops\/([^/]+)\/delete\/?$/, POST: deleteWorkshop, wrongMethod: 'Use POST to delete' },
  { path: /^\/api\/admin\/workshops\/([^/]+)\/transfer\/?$/, POST: transferWorkshop, wrongMethod: 'Use POST to transfer' },
  { path: '/api/images', POST: uploadImage, wrongMethod: 'Use POST to upload an image' },
  { path: /^\/api\/images\/(.*)$/, GET: serveImage, wrongMethod: 'Only GET is supported here' },
  { path: '/api/privacy', GET: getPrivacy, wrongMethod: 'Only GET is supported here' },
  { path: '/api/templates', GET: listTemplates, wrongMethod: 'Use GET to list templates' },
  { path: /^\/api\/templates\/([^/]+)\/delete\/?$/, POST: deleteTemplate, wrongMethod: 'Use POST to delete a template' },
  { path: '/api/search', GET: search, wrongMethod: 'Use GET to search' },
  { path: '/api/stakeholders', GET: listStakeholders, wrongMethod: 'Use GET for the stakeholder register' },
  { path: /^\/api\/workshops\/([^/]+)\/stakeholders\/taken-over\/?$/, POST: recordStakeholderTakeOver, wrongMethod: 'Use POST to record a take-over' },
  { path: '/api/actions', GET: listActions, wrongMethod: 'Use GET for the action register' },
  { path: /^\/api\/actions\/([^/]+)\/([^/]+)\/?$/, POST: changeAction, wrongMethod: 'Use POST to change an action' },
  { path: /^\/api(?:\/.*)?$/, ANY: (_request, response) => sendJson(response, 404, { error: 'Not found' }) },
  { path: new RegExp(`^${SYNC_PATH}(?:/.*)?$`), ANY: (_request, response) => sendJson(response, 426, { error: 'This path expects a websocket' }) },
]

function health(_request: IncomingMessage, response: ServerResponse, deps: HttpDeps): void {
  sendJson(response, 200, { ok: true, rooms: deps.registry.size, connections: deps.connectionCount() })
}

async function metricsText(_request: IncomingMessage, response: ServerResponse, deps: HttpDeps): Promise<void> {
  const body = await deps.metrics.render()
  response.writeHead(200, { 'content-type': deps.metrics.contentType })
  response.end(body)
}

/** What no route takes: the built client (index.html for its own routes), or a plain 404 without one. */
export function serveClient(request: IncomingMessage, response: ServerResponse, deps: HttpDeps, [pathname]: readonly string[]): Promise<void> | void {
  if (deps.config.staticRoot && pathname !== undefined) return serveStatic(request, response, pathname, deps.config.staticRoot)
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
  response.end('Not found')
}
