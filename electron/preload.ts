import { contextBridge, ipcRenderer } from 'electron';
import { API_METHOD_NAMES, ipcChannel } from '../shared/api-methods';

/**
 * Exposes `window.api`: one named function per API method, each taking a
 * plain payload and returning the handler's envelope. Neither ipcRenderer
 * nor any event object reaches the page.
 */
const api = Object.fromEntries(
  API_METHOD_NAMES.map((method) => [method, (payload: unknown) => ipcRenderer.invoke(ipcChannel(method), payload)]),
);

contextBridge.exposeInMainWorld('api', Object.freeze(api));
