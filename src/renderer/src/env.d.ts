/// <reference types="vite/client" />
// `window.hark` is declared by src/preload/hark.d.ts (included by tsconfig.web.json).
