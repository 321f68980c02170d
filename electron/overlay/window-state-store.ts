import { join } from 'node:path';
import { z } from 'zod';
import { readIfExists, writeFileAtomic } from '../services/atomic-file';
import { EMPTY_WINDOW_STATE, type WindowState } from './placement';

/** window.json in the data directory: where the overlay was on each display. A damaged file only costs the position. */
const RectSchema = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().min(1), height: z.number().int().min(1) });
const WindowStateSchema = z.object({ byDisplay: z.record(z.string(), RectSchema), lastDisplay: z.number().int().nullable() });

export async function loadWindowState(dataDir: string): Promise<WindowState> {
  try {
    const parsed = WindowStateSchema.safeParse(JSON.parse((await readIfExists(join(dataDir, 'window.json'))) ?? 'null'));
    return parsed.success ? parsed.data : EMPTY_WINDOW_STATE;
  } catch {
    return EMPTY_WINDOW_STATE;
  }
}

export async function saveWindowState(dataDir: string, state: WindowState): Promise<void> {
  await writeFileAtomic(join(dataDir, 'window.json'), JSON.stringify(state));
}
