import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChallengeProgress } from '../../../shared/followup/actionRegister'
import { Dots, itemHref } from './RegisterRow'

/** How far each challenge has come, as Decidim shows results: "n of m done" and a bar. */
export function ChallengeProgressList({ progress }: { progress: readonly ChallengeProgress[] }) {
  const { t } = useTranslation('followup')
  const headingId = useId()
  return (
    <section className="register-progress" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('register.progress.heading')}</h2>
      <p className="muted">{t('register.progress.intro')}</p>
      {progress.length === 0 ? (
        <p className="muted">{t('register.progress.empty')}</p>
      ) : (
        <ul className="register-progress__list" data-testid="challenge-progress">
          {progress.map((entry) => {
            const label = entry.actions === 0 ? t('register.progress.none') : t('register.progress.of', { done: entry.done, count: entry.actions })
            return (
              <li key={`${entry.workshopId}/${entry.challengeId}`} className="register-progress__item">
                <div className="register-progress__text">
                  <a href={itemHref(entry.workshopId, entry.boardId, entry.challengeId)}>{entry.text || t('register.row.empty')}</a>
                  {entry.dots > 0 && <Dots count={entry.dots} />}
                  <span className="register-progress__where"> {t('register.progress.where', { workshop: entry.workshopTitle })}</span>
                </div>
                <div className="register-progress__meter">
                  <progress max={Math.max(entry.actions, 1)} value={entry.done} aria-label={`${entry.text}: ${label}`} />
                  <span>{label}</span>
                </div>
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
