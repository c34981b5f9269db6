import { useTranslation } from 'react-i18next'
import type { ConnectionState } from '../store/types'

/** Always visible, and never colour alone: the text says what the dot means. */
export function ConnectionIndicator({ connection }: { connection: ConnectionState }) {
  const { t } = useTranslation('app')
  return (
    <div role="status" aria-live="polite" className={`connection connection--${connection.status}`} data-testid="connection-status">
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__text">{connectionText(connection, t)}</span>
    </div>
  )
}

function connectionText(c: ConnectionState, t: (key: string, options?: Record<string, unknown>) => string): string {
  switch (c.status) {
    case 'connected':
      return t('connection.connected')
    case 'connecting':
      return t('connection.connecting')
    case 'reconnecting':
      return c.unsynced > 0 ? t('connection.reconnectingUnsynced', { count: c.unsynced }) : t('connection.reconnecting')
    case 'offline':
      return c.unsynced > 0 ? t('connection.offlineUnsynced', { count: c.unsynced }) : t('connection.offline')
    case 'refused':
      return t('connection.refused')
    default: {
      const never: never = c
      return never
    }
  }
}
