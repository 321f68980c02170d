import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DatabaseRegister } from '../../../electron/services/postgres/pg-register';
import { PostgresTeamCopy } from '../../../electron/services/postgres/pg-team-copy';
import type { RegisterQuestion } from '../../../electron/services/register-reader';
import { checklistCatalog } from '../../../shared/call/checklist-catalog';
import { NO_FILTER, RegisterFilterSchema } from '../../../shared/register/register';
import { serializeRecord, sha256 } from '../../../electron/services/journal-format';
import type { CallRecord } from '../../../shared/journal/call-record';
import { genesisHash } from '../../../electron/services/journal-format';
import { INCOMING, SHIFT, sampleRecord, TEST_CATALOG } from '../../helpers/records';
import { postgresSkipReason, TEST_PASSWORD, useTestDatabase } from '../../helpers/postgres';

/**
 * The register on the team database when what it reads is not what it was:
 * rows changed under the engine after the lead read them, a login that may
 * now read less, the server restarted under an open register, one login on
 * two versions of the app, a clerk reading their own register.
 */
const skip = postgresSkipReason();
const db = useTestDatabase();
const ask = (filter = NO_FILTER, refresh = true): RegisterQuestion => ({ filter, sort: { key: 'startedAt', descending: true }, offset: 0, limit: 50, refresh, withSummary: true });
let offices = 0;

/** An office with one clerk who delivered `count` calls of this month, and a lead's register over it. */
async function office(count: number) {
  const officeId = `pup-int-${++offices}`;
  const clerk = randomUUID();
  const clerkLogin = await db.addLogin(`int_clerk_${offices}`, 'clerk', [officeId]);
  const leadLogin = await db.addLogin(`int_lead_${offices}`, 'lead', [officeId]);
  const settings = (login: string) => ({ url: db.cluster.urlFor(login), password: TEST_PASSWORD, tls: 'disable' as const, caFile: null, officeId });
  const copy = new PostgresTeamCopy(settings(clerkLogin));
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const record = { ...sampleRecord(new Date(Date.now() - (count - i) * 60_000), 30, clerk), prevHash: '0'.repeat(64) } as CallRecord;
    expect(await copy.deliver(record, clerk)).toBe('delivered');
    ids.push(record.id);
  }
  await copy.close();
  return { officeId, clerk, ids, clerkLogin, leadLogin, settings, register: (login = leadLogin, catalog = TEST_CATALOG) => new DatabaseRegister(settings(login), () => catalog) };
}

describe.skipIf(skip)('the register on the team database, when what it reads changes', () => {
  it('a row changed or removed under the engine after the lead read it is found at the next opening', async () => {
    const o = await office(5);
    const register = o.register();
    expect(await register.page(ask(), Date.now())).toMatchObject({ total: 5, problemCount: 0 });
    const admin = await db.admin();
    const underTheEngine = async (sql: string, values: unknown[]) => {
      await admin.query('ALTER TABLE asystent.calls DISABLE TRIGGER USER');
      try {
        await admin.query(sql, values);
      } finally {
        await admin.query('ALTER TABLE asystent.calls ENABLE TRIGGER USER');
      }
    };
    // The third line's note changed, with a hash to match: found at the next opening of the same register.
    await underTheEngine(`UPDATE asystent.calls SET line = replace(line, '"note":"', '"note":"zmienione '), hash = encode(sha256(convert_to(replace(line, '"note":"', '"note":"zmienione '), 'UTF8')), 'hex') WHERE id = $1`, [o.ids[2]]);
    // The note beside the line changed too: what is shown comes from the line, never from there.
    await underTheEngine(`UPDATE asystent.calls SET record = jsonb_set(record, '{note}', '"podmienione"') WHERE id = $1`, [o.ids[3]]);
    const changed = await register.page(ask(), Date.now());
    expect(changed.problemCount).toBeGreaterThan(0);
    expect(changed.rows.map((r) => r.note)).not.toContain('podmienione');
    expect(changed.rows.every((r) => r.integrity.includes('przerwany łańcuch'))).toBe(true);
    await register.close();

    // A line changed with its hash column left as it was: every line is hashed again at the app's start (and daily).
    const kept = await office(3);
    const before = kept.register();
    expect(await before.page(ask(), Date.now())).toMatchObject({ total: 3, problemCount: 0 });
    await before.close();
    await underTheEngine(`UPDATE asystent.calls SET line = replace(line, '"note":"', '"note":"inne ') WHERE id = $1`, [kept.ids[1]]);
    const started = kept.register();
    expect((await started.page(ask(), Date.now())).problemCount).toBeGreaterThan(0);
    await started.close();

    // A middle row removed, hash column and all: a gap, found too.
    const other = await office(4);
    const second = other.register();
    expect(await second.page(ask(), Date.now())).toMatchObject({ total: 4, problemCount: 0 });
    await underTheEngine('DELETE FROM asystent.calls WHERE id = $1', [other.ids[1]]);
    await admin.end();
    const gap = await second.page(ask(), Date.now());
    expect(gap.total).toBe(3);
    expect(gap.problemCount).toBeGreaterThan(0);
    await second.close();
  });

  it('a lead made a clerk sees none of the office’s figures any more; a clerk reads their own register', async () => {
    const o = await office(3);
    const lead = o.register();
    expect(await lead.page(ask(), Date.now())).toMatchObject({ total: 3 });
    await lead.close();
    const admin = await db.admin();
    await admin.query(`REVOKE asystent_lead FROM ${o.leadLogin}`);
    await admin.query(`GRANT asystent_clerk TO ${o.leadLogin}`);
    const demoted = await db.as(o.leadLogin);
    expect((await demoted.query('SELECT count(*)::int AS n FROM asystent.record_facts')).rows[0].n).toBe(0);
    const again = o.register();
    expect(await again.page(ask(), Date.now())).toMatchObject({ total: 0, rows: [], summary: { calls: 0 } });
    await again.close();
    await admin.end();
    // The clerk's own login: their calls, their summary.
    const own = o.register(o.clerkLogin);
    expect(await own.page(ask(), Date.now())).toMatchObject({ total: 3, problemCount: 0, summary: { calls: 3 } });
    await own.close();
  });

  it('an open register goes on after the server restarted under it', async () => {
    const o = await office(2);
    const register = o.register();
    expect(await register.page(ask(), Date.now())).toMatchObject({ total: 2 });
    await db.cluster.kill();
    await db.cluster.start();
    expect(await register.page(ask(NO_FILTER, false), Date.now())).toMatchObject({ total: 2 });
    await register.close();
  });

  it('one login on two versions of the app: each keeps its own facts and neither empties the other’s register', async () => {
    const o = await office(3);
    const newer = o.register();
    const older = o.register(o.leadLogin, checklistCatalog([INCOMING, SHIFT]));
    expect(await newer.page(ask(), Date.now())).toMatchObject({ total: 3 });
    expect(await older.page(ask(), Date.now())).toMatchObject({ total: 3 });
    expect(await newer.page(ask(NO_FILTER, false), Date.now())).toMatchObject({ total: 3, rows: expect.arrayContaining([expect.objectContaining({ id: o.ids[0] })]) });
    await newer.close();
    await older.close();
  });

  it('days far ahead are a bound like any other', async () => {
    const o = await office(2);
    const register = o.register();
    expect(await register.page(ask(RegisterFilterSchema.parse({ from: '2000-01-01', to: '9999-12-31' })), Date.now())).toMatchObject({ total: 2 });
    expect(await register.page(ask(RegisterFilterSchema.parse({ from: '9999-12-31' })), Date.now())).toMatchObject({ total: 0 });
    await register.close();
  });

  it('the engine refuses a time that is not a moment as the app writes one', async () => {
    const o = await office(0);
    const clerk = await db.as(o.clerkLogin);
    await clerk.query('SELECT asystent.bind_clerk($1)', [o.clerk]);
    for (const savedAt of ['infinity', '-infinity', 'today', '2026-11-20 10:00']) {
      await clerk.query('BEGIN');
      const month = new Date().toISOString().slice(0, 7);
      const head = (await clerk.query<{ head: string }>('SELECT asystent.lock_chain($1, $2, $3) AS head', [o.officeId, o.clerk, month])).rows[0]!.head;
      expect(head).toBe(genesisHash(o.clerk, month));
      const id = randomUUID();
      const line = serializeRecord({ ...sampleRecord(new Date(), 10, o.clerk), id, prevHash: head, savedAt } as CallRecord);
      await expect(clerk.query('INSERT INTO asystent.calls (id, office_id, clerk_id, month, prev_hash, line) VALUES ($1, $2, $3, $4, $5, $6)', [id, o.officeId, o.clerk, month, head, line])).rejects.toMatchObject({ code: '23514' });
      await clerk.query('ROLLBACK');
      expect(sha256(line)).toHaveLength(64);
    }
  });
});
