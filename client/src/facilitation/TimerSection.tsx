import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatCountdown, remainingMs } from '../../../shared/facilitation/timer'
import { useServerNow, useSession } from '../store/hooks'
import { CommandStatus } from './CommandStatus'
import { PanelSection, type SectionProps } from './PanelSection'
import { parseMinutes, TIMER_PRESETS_MIN } from './timerInput'
import { useCommand } from './useCommand'

const MINUTE = 60_000

/** "Tidtaker": the shared countdown everyone sees, in the server's clock. */
export function TimerSection({ store, open, onToggle }: SectionProps) {
  const { t } = useTranslation('facilitation')
  const { timer } = useSession(store)
  const now = useServerNow(store, timer.status === 'running')
  const command = useCommand(store)
  const [custom, setCustom] = useState('')
  const [customError, setCustomError] = useState(false)
  const id = useId()
  const left = remainingMs(timer, now)
  const shown = left === null ? '' : formatCountdown(left)
  const up = timer.status === 'running' && left === 0

  const status =
    timer.status === 'running' ? (up ? t('timer.upShort') : shown) : timer.status === 'paused' ? t('timer.pausedShort', { time: shown }) : undefined

  function start(ms: number) {
    void command.run({ type: 'timer.start', durationMs: ms }, { done: t('timer.started', { time: formatCountdown(ms) }) })
  }

  return (
    <PanelSection title={t('timer.title')} status={status} open={open} onToggle={onToggle} testId="facilitation-timer">
      <div className={`timer-readout timer-readout--${up ? 'up' : timer.status}`}>
        <span className="timer-readout__time" data-testid="facilitation-timer-time">
          {left === null ? '–:––' : shown}
        </span>
        <span className="timer-readout__state">
          {timer.status === 'idle' ? t('timer.idle') : up ? t('timer.up') : timer.status === 'paused' ? t('timer.paused') : t('timer.running')}
        </span>
        {timer.status !== 'idle' && (
          <button
            type="button"
            className="button button--quiet timer-readout__reset"
            disabled={command.pending}
            onClick={() => void command.run({ type: 'timer.reset' }, { done: t('timer.resetDone') })}
          >
            {t('timer.reset')}
          </button>
        )}
      </div>

      {timer.status !== 'idle' && (
        <div className="facilitation__grid timer-controls" role="group" aria-label={t('timer.controls')}>
          {timer.status === 'running' ? (
            <button type="button" className="button" disabled={command.pending || up} onClick={() => void command.run({ type: 'timer.pause' }, { done: t('timer.pausedDone') })}>
              {t('timer.pause')}
            </button>
          ) : (
            <button type="button" className="button button--primary" disabled={command.pending} onClick={() => void command.run({ type: 'timer.resume' }, { done: t('timer.resumedDone') })}>
              {t('timer.resume')}
            </button>
          )}
          <button type="button" className="button" disabled={command.pending} onClick={() => void command.run({ type: 'timer.add', ms: MINUTE }, { done: t('timer.addedDone') })}>
            {t('timer.addMinute')}
          </button>
          <button
            type="button"
            className="button"
            disabled={command.pending || left === 0}
            onClick={() => void command.run({ type: 'timer.add', ms: -MINUTE }, { done: t('timer.subtractedDone') })}
          >
            {t('timer.subtractMinute')}
          </button>
        </div>
      )}

      <p className="facilitation__label" id={`${id}-presets`}>
        {timer.status === 'idle' ? t('timer.startLabel') : t('timer.restartLabel')}
      </p>
      <div className="facilitation__grid timer-presets" role="group" aria-labelledby={`${id}-presets`}>
        {TIMER_PRESETS_MIN.map((minutes) => (
          <button key={minutes} type="button" className="button" disabled={command.pending} onClick={() => start(minutes * MINUTE)}>
            {t('timer.minutes', { count: minutes })}
          </button>
        ))}
      </div>
      <form
        className="facilitation__inline-form"
        onSubmit={(e) => {
          e.preventDefault()
          const ms = parseMinutes(custom)
          setCustomError(ms === null)
          if (ms !== null) start(ms)
        }}
      >
        <div className="facilitation-field facilitation-field--grow">
          <label htmlFor={`${id}-custom`}>{t('timer.customLabel')}</label>
          <input
            id={`${id}-custom`}
            inputMode="decimal"
            autoComplete="off"
            value={custom}
            placeholder={t('timer.customPlaceholder')}
            aria-invalid={customError || undefined}
            aria-describedby={customError ? `${id}-custom-error` : undefined}
            onChange={(e) => {
              setCustom(e.target.value)
              setCustomError(false)
            }}
          />
        </div>
        <button type="submit" className="button" disabled={command.pending}>
          {t('timer.start')}
        </button>
      </form>
      {customError && (
        <p id={`${id}-custom-error`} className="field__error facilitation__field-error">
          {t('timer.customError')}
        </p>
      )}
      <CommandStatus state={command.state} onDismiss={command.dismiss} />
    </PanelSection>
  )
}
