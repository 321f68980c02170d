import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v4 as uuidv4 } from 'uuid';
import { afterAll, describe, expect, it } from 'vitest';
import { SearchMisses } from '../../../electron/services/search-misses';
import type { TeamDatabase } from '../../../shared/settings/team-database';
import { postgresSkipReason, useTestDatabase } from '../../helpers/postgres';

/**
 * The searches left without a result, in team mode on a database: each
 * clerk's month sent again and again (the larger count stays), the lead's
 * report across the office, a clerk's own only, and nobody writing as
 * another clerk.
 */
const skip = postgresSkipReason();
const db = useTestDatabase();
const folders: string[] = [];
afterAll(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

const DECEMBER = new Date('2026-12-08T10:00:00Z');
let logins = 0;

async function computer(kind: 'clerk' | 'lead'): Promise<{ misses: SearchMisses; clerkId: string; settings: TeamDatabase }> {
  const login = await db.addLogin(`misses_${kind}_${++logins}`, kind, ['pup-lodz']);
  const settings = db.settingsFor(login, 'pup-lodz');
  const dataDir = mkdtempSync(join(tmpdir(), 'asystent-misses-db-'));
  folders.push(dataDir);
  const clerkId = uuidv4();
  const misses = new SearchMisses({ dataDir, clerkId: () => clerkId, teamFolder: () => null, teamDatabase: () => settings, beforeWrite: async () => undefined });
  return { misses, clerkId, settings };
}

describe.skipIf(skip)('searches left without a result, on the team database', () => {
  it("each clerk's counts reach the database, sent again without counting twice; the lead sees the office's, a clerk only their own", async () => {
    const anna = await computer('clerk');
    anna.misses.count('zgubiłem kwitek, PESEL 44051401359');
    anna.misses.count('bon na zasiedlenie');
    await anna.misses.flush(DECEMBER);
    anna.misses.count('bon na zasiedlenie');
    await anna.misses.flush(DECEMBER);
    const jan = await computer('clerk');
    jan.misses.count('bon na zasiedlenie');
    await jan.misses.flush(DECEMBER);

    const admin = await db.admin();
    const byClerkAndPhrase = (a: { clerk_id: string; phrase: string }, b: { clerk_id: string; phrase: string }) => a.clerk_id.localeCompare(b.clerk_id) || a.phrase.localeCompare(b.phrase);
    const rows = (await admin.query('SELECT clerk_id::text, phrase, count FROM asystent.search_misses WHERE month = $1', ['2026-12'])).rows.sort(byClerkAndPhrase);
    expect(rows).toEqual(
      [
        { clerk_id: anna.clerkId, phrase: 'bon na zasiedlenie', count: 2 },
        { clerk_id: anna.clerkId, phrase: 'zgubilem kwitek pesel', count: 1 },
        { clerk_id: jan.clerkId, phrase: 'bon na zasiedlenie', count: 1 },
      ].sort(byClerkAndPhrase),
    );
    expect(JSON.stringify(rows)).not.toContain('44051401359');

    const lead = await computer('lead');
    expect(await lead.misses.report('2026-12')).toEqual({
      month: '2026-12',
      clerks: 2,
      misses: 4,
      phrases: [
        { phrase: 'bon na zasiedlenie', count: 3, clerks: 2 },
        { phrase: 'zgubilem kwitek pesel', count: 1, clerks: 1 },
      ],
    });
    // A clerk's login reads only their own rows.
    expect((await jan.misses.report('2026-12')).phrases).toEqual([{ phrase: 'bon na zasiedlenie', count: 1, clerks: 1 }]);
  });

  it('a clerk cannot write as another clerk, and a row not of the app\'s making shows nothing of itself', async () => {
    const anna = await computer('clerk');
    anna.misses.count('kuroniowka');
    await anna.misses.flush(DECEMBER);
    const client = await db.as(`misses_clerk_${logins}`);
    await expect(client.query("INSERT INTO asystent.search_misses VALUES ('pup-lodz', $1, '2026-12', 'cudzy wpis', 5)", [uuidv4()])).rejects.toThrow(/row-level security/);
    const admin = await db.admin();
    await admin.query("INSERT INTO asystent.search_misses VALUES ('pup-lodz', $1, '2026-11', 'Jan Kowalski 44051401359', 7), ('pup-lodz', $1, '2026-11', 'staz', 2)", [uuidv4()]);
    const lead = await computer('lead');
    expect((await lead.misses.report('2026-11')).phrases).toEqual([{ phrase: 'staz', count: 2, clerks: 1 }]);
  });
});
