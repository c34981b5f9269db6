import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatJoinCode, normalizeJoinCode } from '../../../shared/access'
import { AccessibilityLink } from '../a11y/AccessibilityLink'
import { PrivacyLink } from '../privacy/PrivacyLink'
import { loadAccess, rememberJoin, requestJoin, type JoinOutcome } from '../access/workshopAccess'
import { Brand } from '../ui/Brand'
import { LanguageSwitch } from '../ui/LanguageSwitch'
import { navigate } from '../lib/navigation'
import { guestNumber, loadUserName, rememberGuestName, saveUserName, USER_NAME_MAX } from '../lib/userName'
import { keepExistingAccess } from './keepExistingAccess'
import { joinCodeInputProps } from './joinCodeInputProps'
import './join.css'

/** Why joining did not work, as the person is told. */
type JoinProblem =
  | { kind: 'format' }
  | { kind: 'notFound'; code: string }
  | { kind: 'tooMany'; until: number; seconds: number }
  | { kind: 'offline' }
  | { kind: 'network' }
  | { kind: 'invalid' }
  | { kind: 'server'; status: number }

/**
 * Joining a citizen dialogue in seconds, with no account: the code from the projector (typed in
 * any case, with or without a space) and an optional nickname. `/join/<code>` (the QR code) joins
 * at once and shows this form, filled in, only if that fails.
 */
export function JoinPage({ code: codeInAddress }: { code: string }) {
  const { t } = useTranslation('phone')
  const { t: tApp } = useTranslation('app')
  const [code, setCode] = useState(codeInAddress)
  const [name, setName] = useState(() => loadUserName() ?? '')
  const [guestName] = useState(() => tApp('name.guest', { number: guestNumber() }))
  const [joining, setJoining] = useState(codeInAddress !== '')
  // Joining straight from the QR code's address: a calm "joining" screen instead of the form.
  const [fromAddress, setFromAddress] = useState(codeInAddress !== '')
  const [problem, setProblem] = useState<JoinProblem | null>(null)
  const [now, setNow] = useState(Date.now)
  const codeInput = useRef<HTMLInputElement>(null)
  const codeId = useId()
  const codeHintId = useId()
  const nameId = useId()
  const nameHintId = useId()
  const problemId = useId()

  useEffect(() => {
    document.title = t('join.documentTitle')
  }, [t])

  // While the code is typed, the phone page's code arrives: joining then opens it at once.
  useEffect(() => {
    const timer = window.setTimeout(() => void import('../phone/PhonePage').catch(() => {}), 300)
    return () => window.clearTimeout(timer)
  }, [])

  // The QR code's address joins without a tap. Cancelled on unmount (StrictMode runs it twice).
  useEffect(() => {
    if (codeInAddress === '') return
    const controller = new AbortController()
    void join(codeInAddress, null, controller.signal)
    return () => controller.abort()
    // Once per address: the page has a key per code.
  }, []) // eslint-disable-line react-hooks/exhaustive-deps

  const waiting = problem?.kind === 'tooMany' && problem.until > now
  useEffect(() => {
    if (!waiting) return
    const timer = window.setInterval(() => setNow(Date.now()), 1000)
    return () => window.clearInterval(timer)
  }, [waiting])

  /** `nickname` null: from the address, where nobody was asked for a name (a saved one is kept). */
  async function join(typed: string, nickname: string | null, signal?: AbortSignal) {
    const normalized = normalizeJoinCode(typed)
    if (!normalized) {
      fail({ kind: 'format' })
      return
    }
    setJoining(true)
    setProblem(null)
    const outcome = await requestJoin({ code: normalized }, signal)
    if (signal?.aborted) return
    if (!outcome.ok) {
      fail(problemOf(outcome, normalized))
      return
    }
    const { result } = outcome
    // A facilitator trying their own code, or a resident scanning again, keeps who they are.
    if (!keepExistingAccess(loadAccess(result.workshopId))) rememberJoin(result)
    const chosen = nickname?.trim()
    if (chosen) saveUserName(chosen.slice(0, USER_NAME_MAX), result.workshopId)
    else if (nickname !== null || loadUserName(result.workshopId) === null) rememberGuestName(result.workshopId, guestName)
    // From the QR code's address: Back should not join again.
    navigate({ page: 'phone', workshopId: result.workshopId }, { replace: nickname === null })
  }

  function fail(next: JoinProblem) {
    setJoining(false)
    setFromAddress(false)
    setProblem(next)
    setNow(Date.now())
    if (next.kind === 'format' || next.kind === 'notFound' || next.kind === 'invalid') {
      window.requestAnimationFrame(() => codeInput.current?.focus())
    }
  }

  const codeProblem = problem?.kind === 'format' || problem?.kind === 'notFound' || problem?.kind === 'invalid'
  const secondsLeft = problem?.kind === 'tooMany' ? Math.max(0, Math.ceil((problem.until - now) / 1000)) : 0

  if (fromAddress) {
    const shown = normalizeJoinCode(codeInAddress)
    return (
      <JoinFrame>
        <div className="join__connecting" role="status">
          <span className="spinner" aria-hidden="true" />
          <p>{t('join.joiningCode', { code: shown ? formatJoinCode(shown) : codeInAddress })}</p>
        </div>
      </JoinFrame>
    )
  }

  return (
    <JoinFrame>
      <h1 className="join__heading">{t('join.heading')}</h1>
      <p className="join__intro">{t('join.intro')}</p>
      <form
        className="join__form"
        noValidate
        aria-busy={joining}
        onSubmit={(e) => {
          e.preventDefault()
          if (joining || waiting) return
          void join(code, name)
        }}
      >
        <div className="join__field">
          <label htmlFor={codeId} className="join__label">
            {t('join.codeLabel')}
          </label>
          <input
            id={codeId}
            ref={codeInput}
            className="join__code"
            value={code}
            onChange={(e) => {
              setCode(e.target.value)
              if (codeProblem) setProblem(null)
            }}
            {...joinCodeInputProps}
            aria-invalid={codeProblem || undefined}
            aria-describedby={codeProblem ? `${problemId} ${codeHintId}` : codeHintId}
            data-testid="join-code"
            autoFocus={codeInAddress === ''}
          />
          <p id={codeHintId} className="join__hint">
            {t('join.codeHint')}
          </p>
          {/* A problem with the code sits under the code, visible above a phone's keyboard. */}
          <div role="alert" id={problemId} className="join__problem" data-testid="join-problem">
            {problem && codeProblem && <ProblemNotice problem={problem} />}
          </div>
        </div>
        <div className="join__field">
          <label htmlFor={nameId} className="join__label">
            {t('join.nameLabel')}
          </label>
          <input
            id={nameId}
            className="join__name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={USER_NAME_MAX}
            autoComplete="nickname"
            enterKeyHint="go"
            aria-describedby={nameHintId}
            data-testid="join-name"
          />
          <p id={nameHintId} className="join__hint">
            {t('join.nameHint', { guest: guestName })}
          </p>
        </div>
        <button type="submit" className="button button--primary join__submit" disabled={waiting} aria-disabled={joining || undefined}>
          {joining ? t('join.joining') : waiting ? t('join.wait', { seconds: secondsLeft }) : t('join.submit')}
        </button>
        {/* Other problems (network, server, too many tries) sit by the button that was tapped. */}
        <div role="alert" className="join__problem" data-testid="join-problem">
          {problem && !codeProblem && <ProblemNotice problem={problem} />}
        </div>
      </form>
    </JoinFrame>
  )
}

function ProblemNotice({ problem }: { problem: JoinProblem }) {
  const { t } = useTranslation('phone')
  return (
    <p className="notice notice--error">
      <span aria-hidden="true">⚠ </span>
      {problemText(problem, t)}
    </p>
  )
}

function JoinFrame({ children }: { children: React.ReactNode }) {
  return (
    <div className="home-page join-page">
      <header className="join-page__header">
        <Brand />
        <LanguageSwitch />
      </header>
      <main className="join">{children}</main>
      <footer className="join-page__footer">
        <PrivacyLink />
        <AccessibilityLink />
      </footer>
    </div>
  )
}

function problemOf(outcome: Extract<JoinOutcome, { ok: false }>, code: string): JoinProblem {
  switch (outcome.kind) {
    case 'notFound':
      return { kind: 'notFound', code }
    case 'tooMany':
      return { kind: 'tooMany', until: Date.now() + outcome.retryAfterSeconds * 1000, seconds: outcome.retryAfterSeconds }
    case 'network':
      return navigator.onLine === false ? { kind: 'offline' } : { kind: 'network' }
    case 'invalid':
      return { kind: 'invalid' }
    case 'server':
      return { kind: 'server', status: outcome.status }
  }
}

function problemText(problem: JoinProblem, t: (key: string, options?: Record<string, unknown>) => string): string {
  switch (problem.kind) {
    case 'format':
      return t('join.errorFormat')
    case 'notFound':
      return t('join.errorNotFound', { code: formatJoinCode(problem.code) })
    case 'tooMany':
      return t('join.errorTooMany', { count: problem.seconds })
    case 'offline':
      return t('join.errorOffline')
    case 'network':
      return t('join.errorNetwork')
    case 'invalid':
      return t('join.errorInvalid')
    case 'server':
      return t('join.errorServer', { status: problem.status })
  }
}
