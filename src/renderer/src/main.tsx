import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { startBridge } from './ipc/bridge'
import { harkOrNull } from './ipc/hark'
import './styles/theme.css'
import './styles/layout.css'
import './styles/controls.css'
import './styles/tools.css'

const rootElement = document.getElementById('root')
if (!rootElement) throw new Error('Hark: #root is missing from index.html')
// `window.hark` is absent only when the preload failed; say so instead of a blank window.
const hark = harkOrNull()
if (hark) startBridge(hark)
createRoot(rootElement).render(
  <StrictMode>
    {hark ? (
      <App />
    ) : (
      <main className="app app--centered">
        <p className="error" role="alert">
          Hark could not start: its connection to the app core is missing.
        </p>
      </main>
    )}
  </StrictMode>
)
