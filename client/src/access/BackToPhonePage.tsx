import { useTranslation } from 'react-i18next'
import { onLinkClick } from '../lib/navigation'
import { forgetFullBoard } from './phoneOrBoard'
import './backToPhonePage.css'

/**
 * On a phone, a participant who opened the full board from the phone page gets a clear way back,
 * above the board: the phone page is where their notes, votes and the question are.
 */
export function BackToPhonePage({ workshopId }: { workshopId: string }) {
  const { t } = useTranslation('app')
  return (
    <a
      className="back-to-phone"
      href={`/w/${workshopId}/phone`}
      data-testid="back-to-phone"
      onClick={(e) => {
        forgetFullBoard(workshopId)
        onLinkClick({ page: 'phone', workshopId })(e)
      }}
    >
      <span aria-hidden="true">←</span> {t('workshop.backToPhone')}
    </a>
  )
}
