import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readIfExists, writeFileAtomic } from './atomic-file';

/**
 * Web mode's key and port, kept in the data directory (`web-access.json`,
 * readable by its owner only): a tab left open goes on after the server is
 * restarted — same address, same key — and loses no ticks. A new key is made
 * when asked for (`--new-token`), or when the file is missing or unreadable.
 */
const FILE = 'web-access.json';

const WebAccessSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{32}$/),
  port: z.number().int().min(1).max(65535).nullable(),
});
export type WebAccess = z.infer<typeof WebAccessSchema>;

export async function loadWebAccess(dataDir: string, renew: boolean): Promise<WebAccess> {
  let kept: WebAccess | null = null;
  try {
    const parsed = WebAccessSchema.safeParse(JSON.parse((await readIfExists(join(dataDir, FILE))) ?? 'null'));
    if (parsed.success) kept = parsed.data;
  } catch {
    // An unreadable file costs only a new key.
  }
  // A new key keeps the port: only the key of the old address stops working.
  return { token: kept && !renew ? kept.token : randomBytes(24).toString('base64url'), port: kept?.port ?? null };
}

/** Keeps the key and the port the server got, for the next start. */
export async function saveWebAccess(dataDir: string, access: WebAccess): Promise<void> {
  const path = join(dataDir, FILE);
  await writeFileAtomic(path, JSON.stringify(access));
  // The key opens the clerk's data to anyone on this computer who has it: the owner's alone.
  await fs.chmod(path, 0o600);
}
