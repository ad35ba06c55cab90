// The overlay page's entry (overlay.html): the same `window.hark` as the window, used only to
// listen and to answer approvals (src/main/security/overlay-channels.ts).
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { harkOrNull } from '../ipc/hark'
import { Overlay } from './Overlay'
import '../styles/theme.css'
import '../styles/controls.css'
import '../styles/overlay.css'

const rootElement = document.getElementById('root')
if (!rootElement) throw new Error('Hark: #root is missing from overlay.html')
const hark = harkOrNull()
if (hark)
  createRoot(rootElement).render(
    <StrictMode>
      <Overlay hark={hark} />
    </StrictMode>
  )
