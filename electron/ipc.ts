import type { IpcMain } from 'electron';
import { API_METHOD_NAMES, ipcChannel } from '../shared/api-methods';
import { dispatch, type HandlerTable } from './handlers';
import { isTrustedSender } from './security';

/**
 * Registers every method of shared/api.ts on ipcMain. Each call is refused
 * unless it comes from the app's own top frame; the payload is validated by
 * the same dispatch the web server uses.
 */
export function registerIpcHandlers(ipcMain: IpcMain, handlers: HandlerTable, appUrl: string): void {
  for (const method of API_METHOD_NAMES) {
    ipcMain.handle(ipcChannel(method), async (event, payload: unknown) => {
      if (!isTrustedSender(event.senderFrame, appUrl)) {
        return { ok: false, error: { code: 'forbidden', message: 'Wywołanie spoza okna aplikacji zostało odrzucone.' } };
      }
      return dispatch(handlers, method, payload);
    });
  }
}
