import { useTranslation } from 'react-i18next'

interface BoardHelpProps {
  text: string
  visible: boolean
  /** Shows or hides it for everyone; null for people who may not (only the facilitator changes board records). */
  onToggle: ((visible: boolean) => void) | null
}

/** One or two sentences on how to use the board; hidden for everyone by the facilitator, shown again as easily. */
export function BoardHelp({ text, visible, onToggle }: BoardHelpProps) {
  const { t } = useTranslation('boards')
  if (!visible) {
    if (!onToggle) return null
    return (
      <button type="button" className="board-help__show" onClick={() => onToggle(true)}>
        <span aria-hidden="true">?</span> {t('help.show')}
      </button>
    )
  }
  return (
    <aside className="board-help" aria-label={t('help.label')}>
      <p>{text}</p>
      {onToggle && (
        <button type="button" className="button board-help__hide" onClick={() => onToggle(false)}>
          {t('help.hide')}
        </button>
      )}
    </aside>
  )
}
