import type { IpcMain, WebContents } from 'electron';
import { API_METHOD_NAMES, ipcChannel } from '../shared/contract/api-methods';
import { dispatch, type HandlerTable } from './handlers';
import { fail } from './handlers/dispatch';
import { isTrustedSender } from './security';

/**
 * Registers every method of shared/api.ts on ipcMain. Each call is refused
 * unless it comes from the app's own window (`appContents`: the overlay's
 * webContents, null until it exists) and from its top frame showing the
 * bundled page at app://bundle/index.html (never file://); the payload is
 * validated by the same dispatch the web server uses. The window check
 * matters because the frame check alone would trust any other webContents
 * that happened to load the bundled page.
 */
export function registerIpcHandlers(ipcMain: IpcMain, handlers: HandlerTable, appUrl: string, appContents: () => WebContents | null): void {
  for (const method of API_METHOD_NAMES) {
    ipcMain.handle(ipcChannel(method), async (event, payload: unknown) => {
      const contents = appContents();
      if (!contents || event.sender !== contents || !isTrustedSender(event.senderFrame, appUrl)) {
        return fail('forbidden', 'transport.foreignSender');
      }
      return dispatch(handlers, method, payload);
    });
  }
}
