import { useTranslation } from 'react-i18next'
import { CopyField } from './CopyField'
import { useQrCode } from './JoinScreen'
import { studyTripLink } from './studyTripLink'

/**
 * For a study trip: a link and a QR code that open quick capture on the travellers' phones ("Notat",
 * "Foto", works without network), instead of sending them through "Mer" → "Uten nett".
 */
export function StudyTripShare({ participantLink }: { participantLink: string }) {
  const { t } = useTranslation('facilitation')
  const link = studyTripLink(participantLink)
  const qr = useQrCode(link)
  return (
    <section className="study-trip" aria-labelledby="study-trip-heading" data-testid="study-trip">
      <h3 id="study-trip-heading" className="study-trip__heading">
        {t('share.studyTrip.heading')}
      </h3>
      <div className="study-trip__body">
        {qr ? <img className="study-trip__qr" src={qr} alt={t('share.studyTrip.qrAlt')} width={132} height={132} data-testid="study-trip-qr" /> : <span className="study-trip__qr" />}
        <p className="share__note">{t('share.studyTrip.hint')}</p>
      </div>
      <CopyField label={t('share.studyTrip.link')} value={link} />
    </section>
  )
}
