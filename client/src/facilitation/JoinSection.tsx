import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatJoinCode } from '../../../shared/access'
import type { AccessInfoHandle } from './accessClient'
import { CopyField } from './CopyField'
import { InlineConfirm } from './InlineConfirm'
import { PanelSection, type SectionProps } from './PanelSection'

interface JoinSectionProps extends SectionProps {
  access: AccessInfoHandle
  onShowJoinScreen: () => void
}

/** "Bli med": the code and QR on the projector, the three links, a new code, the old address. */
export function JoinSection({ access, onShowJoinScreen, open, onToggle }: JoinSectionProps) {
  const { t } = useTranslation('facilitation')
  const [busy, setBusy] = useState<'rotate' | 'close-legacy' | null>(null)
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null)
  const info = access.info

  async function change(action: 'rotate' | 'close-legacy') {
    setBusy(action)
    setResult(null)
    const outcome = await access.change(action)
    setBusy(null)
    if (outcome.ok) {
      setResult({ ok: true, message: action === 'rotate' ? t('join.rotated', { code: formatJoinCode(outcome.info.code) }) : t('join.legacyClosed') })
    } else {
      setResult({ ok: false, message: t(`join.failed.${outcome.kind}`) })
    }
  }

  return (
    <PanelSection title={t('join.title')} status={info ? formatJoinCode(info.code) : undefined} open={open} onToggle={onToggle} testId="facilitation-join">
      <button type="button" className="button button--primary facilitation__wide" onClick={onShowJoinScreen} disabled={!info}>
        <ProjectorIcon />
        {t('join.showScreen')}
      </button>
      {access.state.status === 'loading' && !info && <p className="facilitation__hint">{t('join.loading')}</p>}
      {access.state.status === 'failed' && (
        <div className="notice notice--error facilitation__notice">
          <p>{t(`join.failed.${access.state.kind}`)}</p>
          <button type="button" className="button" onClick={access.reload}>
            {t('join.retry')}
          </button>
        </div>
      )}
      {info && (
        <>
          <p className="join-code">
            <span className="join-code__label">{t('join.codeLabel')}</span>{' '}
            <strong className="join-code__value" data-testid="facilitation-join-code">
              {formatJoinCode(info.code)}
            </strong>
          </p>
          <CopyField label={t('join.participantLink')} value={info.links.participant} hint={t('join.participantHint')} />
          <CopyField label={t('join.observerLink')} value={info.links.observer} hint={t('join.observerHint')} />
          <CopyField label={t('join.facilitatorLink')} value={info.links.facilitator} hint={t('join.facilitatorHint')} />
          <InlineConfirm
            label={t('join.rotate')}
            question={t('join.rotateQuestion')}
            confirmLabel={t('join.rotateConfirm')}
            onConfirm={() => void change('rotate')}
            disabled={busy !== null}
          />
          {info.legacyOpen && (
            <div className="notice facilitation__notice facilitation__notice--warning">
              <p>{t('join.legacyNotice')}</p>
              <InlineConfirm
                label={t('join.closeLegacy')}
                question={t('join.closeLegacyQuestion')}
                confirmLabel={t('join.closeLegacyConfirm')}
                onConfirm={() => void change('close-legacy')}
                disabled={busy !== null}
                danger
              />
            </div>
          )}
        </>
      )}
      <p role="status" className="facilitation__status">
        {busy ? t('status.sending') : result?.ok ? result.message : ''}
      </p>
      <div role="alert">{result && !result.ok && <p className="notice notice--error facilitation__notice">{result.message}</p>}</div>
    </PanelSection>
  )
}

function ProjectorIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M3 4h18v12H3zM8 20h8M12 16v4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  )
}
