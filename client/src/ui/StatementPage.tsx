import { useEffect, useId, type ReactNode } from 'react'
import { onLinkClick } from '../lib/navigation'
import { Brand } from './Brand'
import { LanguageSwitch } from './LanguageSwitch'

/**
 * The layout of the public statements (the accessibility statement, the privacy statement): the
 * home page's header, a link back, the heading the page is labelled by, then the statement's own
 * sections. `busy` while the statement waits for the server's settings.
 */
export function StatementPage({ documentTitle, back, heading, busy, children }: { documentTitle: string; back: string; heading: string; busy?: boolean; children: ReactNode }) {
  const headingId = useId()
  useEffect(() => {
    document.title = documentTitle
  }, [documentTitle])
  return (
    <div className="home-page">
      <header className="home-header">
        <Brand />
        <LanguageSwitch />
      </header>
      <main className="statement" aria-labelledby={headingId} aria-busy={busy}>
        <p>
          <a href="/" onClick={onLinkClick({ page: 'home' })}>
            {back}
          </a>
        </p>
        <h1 id={headingId}>{heading}</h1>
        {children}
      </main>
    </div>
  )
}

/** A contact as the operator gave it: an e-mail address or a web address is a link, anything else text. */
export function ContactValue({ contact }: { contact: { kind: 'email' | 'url' | 'text'; value: string } }) {
  if (contact.kind === 'email') return <a href={`mailto:${contact.value}`}>{contact.value}</a>
  if (contact.kind === 'url') return <a href={contact.value}>{contact.value}</a>
  return <span>{contact.value}</span>
}
