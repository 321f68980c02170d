import { homedir } from 'node:os';
import { join } from 'node:path';

/** Folder name of the app's data under the platform's per-user settings folder. */
export const APP_FOLDER = 'asystent-rozmow';

/**
 * The data directory both the desktop app and web mode use by default, so a
 * clerk's calls are in one place whichever way the app was started:
 * %APPDATA%\asystent-rozmow, ~/Library/Application Support/asystent-rozmow,
 * or $XDG_CONFIG_HOME/asystent-rozmow (~/.config/asystent-rozmow).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_FOLDER);
}
