// The typed `window.hark` bridge is built from the IPC contract in src/shared/ipc.ts.
// Until that contract exists, nothing is exposed to the page.
export {}
