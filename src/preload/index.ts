// The preload: exposes `window.hark`, built from the IPC contract, and nothing else (docs/architecture.md, "Processes").
// ipcRenderer itself never reaches the page, and listeners never see the IpcRendererEvent.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { HarkBridgeApi } from '../shared/ipc'
import { buildHarkApi } from './build-api'

const api = buildHarkApi({
  invoke: (channel, request) => ipcRenderer.invoke(channel, request),
  send: (channel, payload) => ipcRenderer.send(channel, payload),
  listen: (channel, listener) => {
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload)
    ipcRenderer.on(channel, wrapped)
    return () => {
      ipcRenderer.removeListener(channel, wrapped)
    }
  }
}) satisfies HarkBridgeApi

contextBridge.exposeInMainWorld('hark', api)
