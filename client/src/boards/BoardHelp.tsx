import { useTranslation } from 'react-i18next'

interface BoardHelpProps {
  text: string
  visible: boolean
  onToggle(visible: boolean): void
}

/** One or two sentences on how to use the board; hidden for everyone by anyone, shown again as easily. */
export function BoardHelp({ text, visible, onToggle }: BoardHelpProps) {
  const { t } = useTranslation('boards')
  if (!visible) {
    return (
      <button type="button" className="board-help__show" onClick={() => onToggle(true)}>
        <span aria-hidden="true">?</span> {t('help.show')}
      </button>
    )
  }
  return (
    <aside className="board-help" aria-label={t('help.label')}>
      <p>{text}</p>
      <button type="button" className="button board-help__hide" onClick={() => onToggle(false)}>
        {t('help.hide')}
      </button>
    </aside>
  )
}
