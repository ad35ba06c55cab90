import type { JSX } from 'react'

/** Placeholder window for the foundation; the conversation UI replaces it. */
export function App(): JSX.Element {
  return (
    <main>
      <h1>Hark</h1>
      <p role="status">Not connected</p>
    </main>
  )
}
