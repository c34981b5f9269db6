import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App, preloadPage } from './App'
import { takeTokenFromAddress } from './access/workshopAccess'
import { parseRoute } from './lib/route'
import { takeStaticNoteBox } from './phone/staticNoteBox'
import { initI18n } from './i18n/i18n'
import { loadLocaleBundle } from './i18n/localeLoader'
// The shell's stylesheet in parts under 500 lines, in the order they cascade.
import './styles/base.css'
import './styles/home.css'
import './styles/workshop.css'
import './styles/narrow.css'

// Before anything reads the address: a link's token goes to storage, not into the history.
takeTokenFromAddress()
// The page's code and the language's strings download side by side; the first render waits for the strings.
preloadPage(parseRoute(location.pathname, location.search))

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

initI18n(loadLocaleBundle).then(
  () => {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    )
  },
  (error: unknown) => {
    // Not even bokmål could be loaded (a new version half downloaded, no network): say so in plain words.
    console.error('[samskap] could not start', error)
    // The phone page's box in the HTML (client/src/phone/phoneShell.ts) would hide the message, and no app will take it over.
    takeStaticNoteBox()
    root.textContent = 'Samskap kunne ikke starte. Last siden på nytt. / Samskap could not start. Please reload.'
  },
)
