import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { takeTokenFromAddress } from './access/workshopAccess'
import { initI18n } from './i18n/i18n'
import './styles.css'

initI18n()
// Before anything reads the address: a link's token goes to storage, not into the history.
takeTokenFromAddress()

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
