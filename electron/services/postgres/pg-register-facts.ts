import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { ChecklistCatalog } from '../../../shared/call/checklist-catalog';
import { hadConversation } from '../../../shared/call/applicability';
import { isCallRecord } from '../../../shared/journal/journal-record';
import { createRowMaker, type RegisterRow } from '../../../shared/register/register';
import type { JournalProblem } from '../../../shared/journal/api-problems';
import { genesisHash, parseRecordLine, sha256 } from '../journal-format';

/**
 * What the register on the team database makes of each record, kept in the
 * database under the reader's own login (`asystent.record_facts`): the row
 * the folder register would make of it — figures judged against this app's
 * checklists — and what is wrong with it. Made once per record and version:
 * an opening reads only the records it has not made facts of yet, a batch at
 * a time, so the lead's computer never holds more than a batch.
 *
 * Each row is checked as it is read: its hash is its line's, its line a
 * record of this app written as the app writes it, chained to the row
 * before it, and a record of the clerk whose chain it is in.
 */
/** Bumped when what the register makes of a record changes: every reader makes its facts again. */
export const FACTS_FORMAT = 1;

/** A batch: at most this many rows, and no more bytes of lines than this (a record may be up to 64 Ki characters). */
const BATCH = 2000;
const BATCH_BYTES = 8 * 2 ** 20;
/** Facts of another version of the app (another computer of the same login) are kept while it still makes some. */
const OTHER_VERSION_KEPT_DAYS = 30;

/** The version facts are made under: this format and the checklists they are judged against. */
export function factsVersion(catalog: ChecklistCatalog): string {
  return `${FACTS_FORMAT}:${createHash('sha256').update(JSON.stringify(catalog.all())).digest('hex').slice(0, 32)}`;
}

interface StoredRow {
  id: string;
  office_id: string;
  clerk_id: string;
  month: string;
  line_no: number;
  prev_hash: string;
  hash: string;
  line: string;
}

/** Column order of an insert: each a typed array parameter, unnested. */
const COLUMNS = [
  ['record_id', 'uuid'],
  ['version', 'text'],
  ['office_id', 'text'],
  ['clerk_id', 'uuid'],
  ['month', 'text'],
  ['line_no', 'integer'],
  ['type', 'text'],
  ['problem', 'text'],
  ['clerk_name', 'text'],
  ['started_at', 'timestamptz'],
  ['saved_at', 'timestamptz'],
  ['direction', 'text'],
  ['duration_sec', 'integer'],
  ['outcome', 'text'],
  ['routed_unit_id', 'text'],
  ['routed_unit_name', 'text'],
  ['routed_external', 'boolean'],
  ['appointment_at', 'timestamptz'],
  ['callback_due_at', 'timestamptz'],
  ['callback_of', 'uuid'],
  ['outbound_person', 'text'],
  ['personal_data', 'boolean'],
  ['judged', 'boolean'],
  ['greeting', 'boolean'],
  ['score', 'double precision'],
  ['trust', 'text'],
  ['item_ids', 'text'],
  ['item_labels', 'text'],
  ['states', 'text'],
  ['change_kind', 'text'],
  ['change_due_at', 'timestamptz'],
  ['hash', 'text'],
] as const;
type Column = (typeof COLUMNS)[number][0];
type Fact = Record<Column, unknown>;

/** Array columns travel as JSON text (a 2-D array parameter cannot be unnested row by row). */
const INSERT = `INSERT INTO asystent.record_facts (${COLUMNS.map(([c]) => c).join(', ')})
  SELECT ${COLUMNS.map(([c]) => (c === 'item_ids' || c === 'item_labels' ? `ARRAY(SELECT json_array_elements_text(${c}::json))` : c)).join(', ')}
  FROM unnest(${COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')}) AS t(${COLUMNS.map(([c]) => c).join(', ')})
  ON CONFLICT (reader, version, record_id) DO NOTHING`;

/**
 * Makes the facts this reader lacks for `version`: first forgets those of
 * other versions no computer has used for a month, and those of chains
 * changed since they were read. Returns how many records were read.
 *
 * A chain with a row gone from its middle is read again at every opening
 * (its problem is shown each time): only such a chain, never the rest.
 *
 * @param rehash whether every stored line is hashed again too (at the app's start and once a day: a change that kept the hash column is caught then)
 */
export async function syncFacts(client: pg.Client, catalog: ChecklistCatalog, version: string, rehash = true): Promise<number> {
  await client.query(
    `DELETE FROM asystent.record_facts f WHERE f.reader = current_user AND f.version <> $1
       AND NOT EXISTS (SELECT 1 FROM asystent.record_facts g WHERE g.reader = current_user AND g.version = f.version AND g.made_at > now() - make_interval(days => ${OTHER_VERSION_KEPT_DAYS}))`,
    [version],
  );
  await forgetChangedChains(client, version, rehash);
  const makeRow = createRowMaker(catalog);
  // The chains that have records without facts, and from which line: read from there in chain order, so each
  // row's link to the one before is checked as it goes, through the chain's own index, a batch at a time.
  const chains = await client.query<{ office_id: string; clerk_id: string; month: string; first: number }>(
    `SELECT c.office_id, c.clerk_id, c.month, min(c.line_no) AS first FROM asystent.calls c
     WHERE NOT EXISTS (SELECT 1 FROM asystent.record_facts f WHERE f.reader = current_user AND f.version = $1 AND f.record_id = c.id)
     GROUP BY c.office_id, c.clerk_id, c.month`,
    [version],
  );
  let read = 0;
  for (const chain of chains.rows) {
    // The line before the first without facts, for its hash: what that first one must chain to.
    let from = chain.first - 1;
    let before: string | null = null;
    if (from >= 1) {
      const previous = await client.query<{ hash: string }>('SELECT hash FROM asystent.calls WHERE office_id = $1 AND clerk_id = $2 AND month = $3 AND line_no = $4', [chain.office_id, chain.clerk_id, chain.month, from]);
      before = previous.rows[0]?.hash ?? null;
    }
    for (;;) {
      // Up to BATCH rows, and no more bytes than BATCH_BYTES (at least one row).
      const { rows } = await client.query<StoredRow>(
        `SELECT id, office_id, clerk_id, month, line_no, prev_hash, hash, line FROM (
           SELECT c.*, sum(octet_length(c.line)) OVER (ORDER BY c.line_no) AS upto FROM asystent.calls c
           WHERE c.office_id = $1 AND c.clerk_id = $2 AND c.month = $3 AND c.line_no > $4 ORDER BY c.line_no LIMIT ${BATCH}) batch
         WHERE upto <= ${BATCH_BYTES} OR line_no = $4 + 1 ORDER BY line_no`,
        [chain.office_id, chain.clerk_id, chain.month, from],
      );
      if (rows.length === 0) break;
      const facts: Fact[] = [];
      for (const row of rows) {
        // A line missing in between (removed under the engine) breaks the link as surely as another hash.
        const expected = row.line_no === 1 ? genesisHash(row.clerk_id, row.month) : row.line_no === from + 1 ? before : null;
        facts.push(factOf(row, version, makeRow, expected));
        before = row.hash;
        from = row.line_no;
      }
      read += rows.length;
      await client.query(INSERT, COLUMNS.map(([column]) => facts.map((f) => f[column] ?? null)));
    }
  }
  return read;
}

/**
 * Chains changed under the engine since their facts were made — a row's hash
 * is not the one its facts were made of, a row is gone from the middle, a
 * line does not hash to its hash — have their facts forgotten, so they are
 * read again from the start and what is wrong is found as it is for a chain
 * read the first time. The engine refuses all this to the app's roles; only
 * the database's owner, with its triggers off, could do it.
 */
async function forgetChangedChains(client: pg.Client, version: string, rehash: boolean): Promise<void> {
  const changed = await client.query<{ office_id: string; clerk_id: string; month: string }>(
    `SELECT c.office_id, c.clerk_id, c.month FROM asystent.calls c
       LEFT JOIN asystent.record_facts f ON f.reader = current_user AND f.version = $1 AND f.record_id = c.id
     GROUP BY c.office_id, c.clerk_id, c.month
     HAVING count(*) <> max(c.line_no)
        OR bool_or(f.record_id IS NOT NULL AND (f.hash <> c.hash OR f.line_no <> c.line_no${rehash ? ` OR c.hash <> encode(sha256(convert_to(c.line, 'UTF8')), 'hex')` : ''}))
     UNION
     SELECT f.office_id, f.clerk_id, f.month FROM asystent.record_facts f
     WHERE f.reader = current_user AND f.version = $1 AND NOT EXISTS (SELECT 1 FROM asystent.calls c WHERE c.id = f.record_id)`,
    [version],
  );
  for (const chain of changed.rows) {
    await client.query('DELETE FROM asystent.record_facts WHERE reader = current_user AND version = $1 AND office_id = $2 AND clerk_id = $3 AND month = $4', [version, chain.office_id, chain.clerk_id, chain.month]);
  }
}

/** @param expectedBefore the hash the row must chain to: the genesis, or the row before it (null: that row is not there) */
function factOf(row: StoredRow, version: string, makeRow: ReturnType<typeof createRowMaker>, expectedBefore: string | null): Fact {
  const fact = { record_id: row.id, version, office_id: row.office_id, clerk_id: row.clerk_id, month: row.month, line_no: row.line_no, type: 'unknown', problem: null, hash: row.hash } as Fact;
  const record = parseRecordLine(row.line);
  if (!record || record.id !== row.id) return { ...fact, problem: 'corrupt-line' satisfies JournalProblem['kind'] };
  fact.type = record.type;
  // The engine checked all this on insert; read again, so a row changed under it (by the database's owner) is seen.
  const chained = sha256(row.line) === row.hash && record.prevHash === row.prev_hash && row.prev_hash === expectedBefore;
  if (record.clerk.id !== row.clerk_id) return { ...fact, problem: 'wrong-clerk' satisfies JournalProblem['kind'] };
  if (!chained) fact.problem = 'broken-chain' satisfies JournalProblem['kind'];
  if (record.type === 'callback-change') {
    return { ...fact, saved_at: record.savedAt, callback_of: record.callbackOf, change_kind: record.change, change_due_at: record.dueAt };
  }
  if (!isCallRecord(record)) return fact;
  return { ...fact, ...callColumns(makeRow(record, `${row.clerk_id}/${row.month}`, 'team')) };
}

function callColumns(row: RegisterRow): Partial<Fact> {
  return {
    clerk_name: row.clerkName,
    started_at: new Date(row.startedAt).toISOString(),
    saved_at: new Date(row.savedAt).toISOString(),
    direction: row.direction,
    duration_sec: row.durationSec,
    outcome: row.outcome,
    routed_unit_id: row.routedTo?.unitId ?? null,
    routed_unit_name: row.routedTo?.unitName ?? null,
    routed_external: row.routedTo?.external ?? null,
    appointment_at: row.appointmentAt === null ? null : new Date(row.appointmentAt).toISOString(),
    callback_due_at: row.callbackDueAt === null ? null : new Date(row.callbackDueAt).toISOString(),
    callback_of: row.callbackOf,
    outbound_person: row.outboundPerson,
    personal_data: row.personalData,
    judged: hadConversation(row) && row.trust !== 'unknown-checklist',
    greeting: row.greetingWithin30s,
    score: row.score,
    trust: row.trust,
    item_ids: JSON.stringify(row.items.ids),
    item_labels: JSON.stringify(row.items.labels),
    states: row.states,
  };
}
