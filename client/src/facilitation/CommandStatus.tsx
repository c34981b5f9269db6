import { useTranslation } from 'react-i18next'
import type { CommandState } from './useCommand'

/**
 * What happened to the last action of a section: "Sender …" while it waits, a short confirmation,
 * or why it failed. One live region per section, present from the start so screen readers hear it.
 */
export function CommandStatus({ state, onDismiss }: { state: CommandState; onDismiss: () => void }) {
  const { t } = useTranslation('facilitation')
  return (
    <div className="command-status">
      <p role="status" className="command-status__progress">
        {state.status === 'pending' ? (
          <>
            <span className="command-status__spinner" aria-hidden="true" />
            {t('status.sending')}
          </>
        ) : state.status === 'done' ? (
          state.message
        ) : (
          ''
        )}
      </p>
      <div role="alert" className="command-status__alert">
        {state.status === 'failed' && (
          <div className="notice notice--error command-status__error">
            <p>{state.message}</p>
            <button type="button" className="button button--quiet command-status__dismiss" onClick={onDismiss}>
              {t('status.dismiss')}
            </button>
          </div>
        )}
      </div>
    </div>
  )
}
