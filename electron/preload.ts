import { contextBridge, ipcRenderer } from 'electron';
import { API_METHOD_NAMES, ipcChannel } from '../shared/contract/api-methods';
import { isShellCommand, SHELL_COMMAND_CHANNEL, type ShellCommand } from '../shared/contract/shell-commands';

/**
 * Exposes `window.api`: one named function per API method, each taking a
 * plain payload and returning the handler's envelope; and `window.shell`,
 * commands from the hotkeys and the tray. Neither ipcRenderer nor any event
 * object reaches the page.
 */
const api = Object.fromEntries(
  API_METHOD_NAMES.map((method) => [method, (payload: unknown) => ipcRenderer.invoke(ipcChannel(method), payload)]),
);

contextBridge.exposeInMainWorld('api', Object.freeze(api));

/**
 * `window.shell.onCommand(listener)`: what a global hotkey or the tray asks
 * of the window. The listener gets a command name from a fixed list and
 * nothing else — never the IPC event.
 */
contextBridge.exposeInMainWorld(
  'shell',
  Object.freeze({
    onCommand(listener: (command: ShellCommand) => void) {
      ipcRenderer.on(SHELL_COMMAND_CHANNEL, (_event, command: unknown) => {
        if (isShellCommand(command)) listener(command);
      });
    },
  }),
);
