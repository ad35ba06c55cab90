import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'

const rootElement = document.getElementById('root')
if (!rootElement) throw new Error('Hark: #root is missing from index.html')
createRoot(rootElement).render(
  <StrictMode>
    <App />
  </StrictMode>
)
