import { Brand } from '../ui/Brand'
import { LanguageSwitch } from '../ui/LanguageSwitch'
import { StaffBar } from './StaffBar'

/**
 * The header of the pages outside a workshop where staff sign in: the home page, the follow-up pages
 * (register, search) and the administrator's page. Here rather than in ui/, which imports no feature,
 * because it carries the staff bar; the statement pages' header has no staff bar (ui/StatementPage).
 */
export function StaffPageHeader() {
  return (
    <header className="home-header">
      <Brand />
      <div className="home-header__tools">
        <StaffBar />
        <LanguageSwitch />
      </div>
    </header>
  )
}
