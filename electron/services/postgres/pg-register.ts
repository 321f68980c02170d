import pg from 'pg';
import type { ChecklistCatalog } from '../../../shared/call/checklist-catalog';
import { verifyRecordedItems } from '../../../shared/call/checklist-catalog';
import { isCallRecord } from '../../../shared/journal/journal-record';
import { OUTCOMES, type Outcome } from '../../../shared/call/outcomes';
import { openedCall, type ItemList, type RegisterFilter, type RegisterRow, type RegisterSort } from '../../../shared/register/register';
import { PROBLEM_LINES_SHOWN, type RegisterCall } from '../../../shared/register/register-api';
import { itemColumnsOfUses } from '../../../shared/register/register-csv';
import { alignWithFacets, callbackKept, IDENTITY_ITEM, KEEPING_CALL_SAVED_WITHIN_MS, share, type CallbackChangeFact, type RegisterFacets, type RegisterSummary } from '../../../shared/register/statistics';
import type { TeamDatabase } from '../../../shared/settings/team-database';
import type { OutgoingFile } from '../file-exchange';
import { parseRecordLine } from '../journal-format';
import { describeProblem, problemView, type RegisterProblem } from '../register';
import { exportFileName, writeCsvRows, writeLines, type ExportFormat } from '../register-export';
import type { RegisterPage, RegisterProblemsPage, RegisterQuestion, RegisterReader } from '../register-reader';
import { rowView } from '../register-reader';
import { SerialQueue } from '../serial-queue';
import { asTrouble, openPlain, requireCurrentSchema } from './pg-connection';
import { factsVersion, syncFacts } from './pg-register-facts';
import { afterSql, callsOf, filterSql, orderSql, Params, sortExpression, type PageEnd } from './pg-register-sql';

/**
 * The team lead's register over the team database: what the login may read
 * (a lead its office, a regional login its offices), filtered, sorted and
 * paged in SQL, the summary's figures counted in SQL, exports streamed from
 * a cursor — the lead's computer never holds more than a page or a batch.
 * Each opening first makes the facts of the records it has not read yet
 * (pg-register-facts.ts), and checks each month's chain head.
 */
const EXPORT_BATCH = 1000;
const REHASH_AFTER_MS = 24 * 3600_000;
/** The register's questions may read a million rows: longer than a delivery's statement, still not forever. */
const REGISTER_QUERY_TIMEOUT_MS = 120_000;

export class DatabaseRegister implements RegisterReader {
  private client: pg.Client | null = null;
  private readonly queue = new SerialQueue();
  private collation: string | null = null;
  private version: string | null = null;
  private problemList: RegisterProblem[] = [];
  private problemsByChain = new Map<string, RegisterProblem[]>();
  private refreshed = false;
  private rehashedAt = 0;
  private readonly totals = new Map<string, number>();
  /** The filter lists, made at each refresh (they change only with what is read). */
  private facetsNow: RegisterFacets | null = null;
  private lastPage: { key: string; endOffset: number; end: PageEnd } | null = null;
  private readonly lists = new Map<string, ItemList>();

  constructor(
    private readonly database: TeamDatabase,
    private readonly catalog: () => ChecklistCatalog,
  ) {}

  async page(question: RegisterQuestion, now: number): Promise<RegisterPage> {
    return this.withClient(question.refresh, async (client) => {
      const { filter, sort, offset, limit } = question;
      const where = (p: Params) => `${callsOf(p, this.version!)} AND ${filterSql(filter, p)}`;
      // Counted once per filter until the next refresh: paging does not count a million rows again.
      const filterKey = JSON.stringify(filter);
      let total = this.totals.get(filterKey);
      if (total === undefined) {
        const counted = new Params();
        total = Number((await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM asystent.record_facts f WHERE ${where(counted)}`, counted.values)).rows[0]!.n);
        this.totals.set(filterKey, total);
      }
      const key = JSON.stringify([filter, sort]);
      // The page after the last one served, in the same order: taken from where that one ended, not counted from the start.
      const seek = this.lastPage && this.lastPage.key === key && this.lastPage.endOffset === offset ? this.lastPage.end : null;
      const p = new Params();
      const rowsSql = `SELECT f.*, c.line, ${sortExpression(sort.key, this.collation)} AS sort_value FROM asystent.record_facts f JOIN asystent.calls c ON c.id = f.record_id AND c.hash = f.hash
        WHERE ${where(p)}${seek ? ` AND ${afterSql(sort, this.collation, seek, p)}` : ''}
        ORDER BY ${orderSql(sort, this.collation)} LIMIT ${limit}${seek || offset === 0 ? '' : ` OFFSET ${offset}`}`;
      const { rows } = limit === 0 ? { rows: [] as FactRow[] } : await client.query<FactRow>(rowsSql, p.values);
      const last = rows[rows.length - 1];
      if (last) this.lastPage = { key, endOffset: offset + rows.length, end: { value: last.sort_value, startedAt: last.started_at.toISOString(), id: last.record_id } };
      return {
        total,
        offset,
        rows: rows.map((fact) => {
          const row = this.rowOf(fact);
          return rowView(row, this.integrityOf(row, fact));
        }),
        summary: question.withSummary ? await this.summary(client, filter, now) : null,
        facets: this.facetsNow!,
        problemCount: this.problemCount(),
        unreadable: [],
        unreadableCount: 0,
      };
    });
  }

  async problems(offset: number, limit: number): Promise<RegisterProblemsPage> {
    return this.withClient(false, async () => {
      return { listed: this.problemList.length, count: this.problemCount(), offset, problems: this.problemList.slice(offset, offset + limit).map(problemView) };
    });
  }

  async openCall(id: string): Promise<RegisterCall | null> {
    return this.withClient(false, async (client) => {
      const found = await client.query<FactRow>(
        `SELECT f.*, c.line FROM asystent.record_facts f JOIN asystent.calls c ON c.id = f.record_id AND c.hash = f.hash
         WHERE f.reader = current_user AND f.version = $1 AND f.record_id = $2::uuid AND f.type = 'call' AND f.started_at IS NOT NULL`,
        [this.version, id],
      );
      const fact = found.rows[0];
      const record = fact ? parseRecordLine(fact.line) : null;
      if (!fact || !record || !isCallRecord(record)) return null;
      const row = this.rowOf(fact);
      const problems = this.problemsByChain.get(chainKey(fact)) ?? [];
      return {
        ...openedCall(row, record, verifyRecordedItems(record, this.catalog())),
        copy: 'database',
        file: row.file,
        integrity: { problems: problems.map(problemView), conflictWith: null, maskedOnImport: false },
      };
    });
  }

  async exportFile(filter: RegisterFilter, sort: RegisterSort, format: ExportFormat, now: Date): Promise<{ file: OutgoingFile; rows: number }> {
    const { total, uses } = await this.withClient(false, async (client) => {
      const p = new Params();
      const where = `${callsOf(p, this.version!)} AND ${filterSql(filter, p)}`;
      // In the order each list is first used by the rows as sorted: the columns are laid out as the folder register lays them.
      const lists = await client.query<{ item_ids: string[]; item_labels: string[]; n: number }>(
        `SELECT item_ids, item_labels, count(*)::int AS n FROM (SELECT f.item_ids, f.item_labels, row_number() OVER (ORDER BY ${orderSql(sort, this.collation)}) AS rn FROM asystent.record_facts f WHERE ${where}) sel
         GROUP BY item_ids, item_labels ORDER BY min(rn)`,
        p.values,
      );
      const uses = new Map<ItemList, number>();
      for (const l of lists.rows) uses.set(this.listOf(l.item_ids, l.item_labels), l.n);
      return { total: lists.rows.reduce((sum, l) => sum + l.n, 0), uses };
    });
    const file: OutgoingFile = {
      suggestedName: exportFileName(format, now),
      contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      write: (out) =>
        format === 'csv'
          ? writeCsvRows(itemColumnsOfUses(uses), this.exportRows(filter, sort), out)
          : writeLines(this.exportLines(filter), out),
    };
    return { file, rows: total };
  }

  async close(): Promise<void> {
    await this.queue.run(() => this.drop());
  }

  /**
   * One question at a time, on a connection ready for it; a connection that
   * failed is dropped (the next question opens a fresh one and reads what is
   * new again), and the trouble said in one word.
   */
  private withClient<T>(refresh: boolean, ask: (client: pg.Client) => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      for (let attempt = 1; ; attempt++) {
        const hadConnection = this.client !== null;
        try {
          return await ask(await this.ready(refresh));
        } catch (error) {
          const trouble = asTrouble(error);
          if (trouble.trouble === 'db-error') throw trouble;
          await this.drop();
          // A connection that died since the last question (the server restarted): asked once more on a fresh one.
          if (!hadConnection || attempt > 1 || trouble.trouble !== 'db-unreachable') throw trouble;
        }
      }
    });
  }

  private async drop(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.refreshed = false;
    await client?.end().catch(() => undefined);
  }

  /** The connection, the facts made of what is new (on refresh, and at the first question), the problems found. */
  private async ready(refresh: boolean): Promise<pg.Client> {
    try {
      if (!this.client) {
        // Kept as soon as it is open: a check that fails below drops it with the rest.
        this.client = await openPlain(this.database, REGISTER_QUERY_TIMEOUT_MS);
        await requireCurrentSchema(this.client);
        const icu = await this.client.query(`SELECT 1 FROM pg_collation WHERE collname = 'pl-x-icu'`);
        this.collation = icu.rowCount ? 'pl-x-icu' : null;
      }
      if (refresh || !this.refreshed) {
        this.version = factsVersion(this.catalog());
        // Every stored line hashed again at the first opening and then once a day, as the folder register's index does.
        const rehash = Date.now() - this.rehashedAt > REHASH_AFTER_MS;
        await syncFacts(this.client, this.catalog(), this.version, rehash);
        if (rehash) this.rehashedAt = Date.now();
        await this.findProblems(this.client);
        this.facetsNow = await this.facets(this.client);
        this.refreshed = true;
        this.lastPage = null;
        this.totals.clear();
      }
      return this.client;
    } catch (error) {
      // A connection that failed is dropped; the next question opens a fresh one.
      await this.drop();
      throw asTrouble(error);
    }
  }

  /** What is wrong with the rows read (their facts say) and with each month's head, grouped as the folder register groups a file's problems. */
  private async findProblems(client: pg.Client): Promise<void> {
    const found = await client.query<{ office_id: string; clerk_id: string; month: string; problem: string; n: number; lines: number[]; name: string | null }>(
      `SELECT f.office_id, f.clerk_id, f.month, f.problem, count(*)::int AS n, (array_agg(f.line_no ORDER BY f.line_no))[1:${PROBLEM_LINES_SHOWN}] AS lines,
         (SELECT g.clerk_name FROM asystent.record_facts g WHERE g.reader = current_user AND g.clerk_id = f.clerk_id AND g.clerk_name IS NOT NULL ORDER BY g.saved_at DESC LIMIT 1) AS name
       FROM asystent.record_facts f WHERE f.reader = current_user AND f.version = $1 AND f.problem IS NOT NULL
       GROUP BY f.office_id, f.clerk_id, f.month, f.problem ORDER BY f.clerk_id, f.month, min(f.line_no)`,
      [this.version],
    );
    // A head whose line is gone, or says another hash: the newest lines removed or changed under the engine.
    const heads = await client.query<{ office_id: string; clerk_id: string; month: string; lines: number; last: number | null }>(
      `SELECT h.office_id, h.clerk_id, h.month, h.lines, c.line_no AS last
       FROM asystent.chain_heads h LEFT JOIN asystent.calls c ON c.office_id = h.office_id AND c.clerk_id = h.clerk_id AND c.month = h.month AND c.line_no = h.lines
       WHERE NOT h.removed AND h.lines > 0 AND (c.line_no IS NULL OR c.hash <> h.head)`,
    );
    const list: RegisterProblem[] = found.rows.map((r) => ({
      folder: 'database',
      clerkId: r.clerk_id,
      clerkName: r.name,
      month: r.month,
      file: `${r.clerk_id}/${r.month}`,
      kind: r.problem as RegisterProblem['kind'],
      lines: r.lines,
      moreLines: r.n - r.lines.length,
      fileCount: r.n,
    }));
    for (const h of heads.rows) {
      list.push({ folder: 'database', clerkId: h.clerk_id, clerkName: null, month: h.month, file: `${h.clerk_id}/${h.month}`, kind: h.last === null ? 'lines-removed' : 'head-changed', lines: [h.lines], moreLines: 0, fileCount: 1 });
    }
    const byChain = new Map<string, RegisterProblem[]>();
    for (const p of list) {
      const entries = byChain.get(chainKey({ clerk_id: p.clerkId, month: p.month }));
      if (entries) entries.push(p);
      else byChain.set(chainKey({ clerk_id: p.clerkId, month: p.month }), [p]);
    }
    for (const entries of byChain.values()) {
      const total = entries.reduce((sum, e) => sum + e.moreLines + e.lines.length, 0);
      for (const e of entries) e.fileCount = total;
    }
    this.problemList = list;
    this.problemsByChain = byChain;
  }

  private problemCount(): number {
    return this.problemList.reduce((sum, p) => sum + p.lines.length + p.moreLines, 0);
  }

  /** As the folder register says it: the first problem of the row's chain, and how far its checklist could be trusted. */
  private integrityOf(row: RegisterRow, fact: { clerk_id: string; month: string }): string {
    const parts: string[] = [];
    const first = this.problemsByChain.get(chainKey(fact))?.[0];
    if (first) parts.push(describeProblem(first));
    if (row.trust === 'unknown-checklist') parts.push('Nieznana wersja listy kontrolnej — wynik pominięty w zestawieniu');
    if (row.trust === 'recomputed') parts.push('Punkty listy kontrolnej niezgodne z jej wersją — przeliczone według listy');
    return parts.join('; ');
  }

  private rowOf(fact: FactRow): RegisterRow {
    return {
      id: fact.record_id,
      clerkId: fact.clerk_id,
      clerkName: fact.clerk_name ?? '',
      startedAt: fact.started_at.getTime(),
      savedAt: fact.saved_at.getTime(),
      direction: fact.direction as RegisterRow['direction'],
      durationSec: fact.duration_sec,
      outcome: fact.outcome as Outcome,
      routedTo: fact.routed_unit_id === null ? null : { unitId: fact.routed_unit_id, unitName: fact.routed_unit_name ?? '', external: fact.routed_external ?? false },
      appointmentAt: fact.appointment_at?.getTime() ?? null,
      callbackDueAt: fact.callback_due_at?.getTime() ?? null,
      callbackOf: fact.callback_of,
      outboundPerson: fact.outbound_person as RegisterRow['outboundPerson'],
      personalData: fact.personal_data,
      greetingWithin30s: fact.greeting,
      score: fact.score,
      items: this.listOf(fact.item_ids, fact.item_labels),
      states: fact.states,
      note: noteOf(fact.line),
      file: `${fact.clerk_id}/${fact.month}`,
      copy: 'database',
      trust: fact.trust as RegisterRow['trust'],
      digest: '',
    };
  }

  /** One ItemList object per checklist's items, as the folder register shares them (the CSV's columns are planned per list). */
  private listOf(ids: string[], labels: string[]): ItemList {
    const key = JSON.stringify([ids, labels]);
    let list = this.lists.get(key);
    if (!list) this.lists.set(key, (list = { ids, labels }));
    return list;
  }

  private async summary(client: pg.Client, filter: RegisterFilter, now: number): Promise<RegisterSummary> {
    // Each question its own parameters: the filtered calls (`sel`) and what that question adds.
    const ask = async <T extends pg.QueryResultRow>(body: (p: Params) => string): Promise<T[]> => {
      const p = new Params();
      const sel = `WITH sel AS (SELECT f.* FROM asystent.record_facts f WHERE ${callsOf(p, this.version!)} AND ${filterSql(filter, p)})`;
      return (await client.query<T>(`${sel} ${body(p)}`, p.values)).rows;
    };
    const [totals] = await ask<Record<string, number | null>>(
      (p) => `SELECT count(*)::int AS calls, count(*) FILTER (WHERE direction = 'incoming')::int AS incoming,
           avg(duration_sec)::float8 AS mean_duration, percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_sec)::float8 AS median_duration,
           count(*) FILTER (WHERE judged)::int AS spoken, count(*) FILTER (WHERE judged AND greeting)::int AS greeting,
           count(*) FILTER (WHERE routed_unit_id IS NOT NULL OR outcome = 'routed')::int AS routed,
           count(*) FILTER (WHERE outcome = 'invited' OR appointment_at IS NOT NULL)::int AS invited,
           count(*) FILTER (WHERE direction = 'outgoing' AND judged)::int AS identity_of,
           count(*) FILTER (WHERE direction = 'outgoing' AND judged AND (outbound_person IN ('right', 'someone-else') OR substr(states, array_position(item_ids, ${p.add(IDENTITY_ITEM)}::text), 1) IN ('d', 'w')))::int AS identity,
           avg(score)::float8 AS mean_score,
           ${OUTCOMES.map((o) => `count(*) FILTER (WHERE outcome = ${p.add(o)})::int AS "outcome_${o}"`).join(', ')}
         FROM sel`,
    );
    // One more pass for the rest, grouped three ways at once: each checklist's patterns of states (a few hundred,
    // not a row per item per call: added up here), the days in this computer's time zone (as the folder register
    // counts them), the routed units.
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const groups = await ask<{ item_ids: string[] | null; item_labels: string[] | null; states: string | null; judged: boolean | null; day: string | null; unit_id: string | null; unit_name: string | null; external: boolean | null; n: number; by_items: number; by_day: number; by_unit: number }>(
      (p) => `SELECT item_ids, item_labels, states, judged, day, routed_unit_id AS unit_id, min(routed_unit_name) AS unit_name, bool_or(routed_external) AS external, count(*)::int AS n,
           GROUPING(item_ids)::int AS by_items, GROUPING(day)::int AS by_day, GROUPING(routed_unit_id)::int AS by_unit
         FROM (SELECT sel.*, to_char(sel.started_at AT TIME ZONE ${p.add(zone)}, 'YYYY-MM-DD') AS day FROM sel) s
         GROUP BY GROUPING SETS ((item_ids, item_labels, states, judged), (day), (routed_unit_id))`,
    );
    const items = new Map<string, { label: string; done: number; applied: number; wrapUp: number }>();
    const perDay: { day: string; calls: number }[] = [];
    const targets: { unit_id: string; unit_name: string; external: boolean; calls: number }[] = [];
    for (const g of groups) {
      if (g.by_day === 0) perDay.push({ day: g.day!, calls: g.n });
      else if (g.by_unit === 0) {
        if (g.unit_id !== null) targets.push({ unit_id: g.unit_id, unit_name: g.unit_name ?? '', external: g.external ?? false, calls: g.n });
      } else if (g.by_items === 0 && g.judged) {
        const states = g.states ?? '';
        (g.item_ids ?? []).forEach((id, i) => {
          const state = states[i];
          if (state === undefined || state === '-') return;
          let item = items.get(id);
          if (!item) items.set(id, (item = { label: g.item_labels?.[i] ?? id, done: 0, applied: 0, wrapUp: 0 }));
          item.applied += g.n;
          if (state === 'd' || state === 'w') item.done += g.n;
          if (state === 'w') item.wrapUp += g.n;
        });
      }
    }
    perDay.sort((a, b) => (a.day < b.day ? -1 : 1));
    const callbacks = judgeCallbacks(
      await ask<CallbackFacts>(
        (p) => `SELECT sel.callback_due_at AS due,
         (SELECT min(greatest(k.started_at, k.saved_at - make_interval(secs => ${p.add(KEEPING_CALL_SAVED_WITHIN_MS / 1000)}::float8))) FROM asystent.record_facts k
           WHERE k.reader = current_user AND k.version = sel.version AND k.type = 'call' AND k.started_at IS NOT NULL AND k.callback_of = sel.record_id AND k.clerk_id = sel.clerk_id) AS kept_at,
         (SELECT json_agg(json_build_object('at', x.saved_at, 'change', x.change_kind, 'due_at', x.change_due_at) ORDER BY x.saved_at, x.record_id) FROM asystent.record_facts x
           WHERE x.reader = current_user AND x.version = sel.version AND x.type = 'callback-change' AND x.callback_of = sel.record_id AND x.clerk_id = sel.clerk_id) AS changes
       FROM sel WHERE sel.outcome = 'callback' AND sel.callback_due_at IS NOT NULL`,
      ),
      now,
    );
    const n = (key: string) => Number(totals?.[key] ?? 0);
    const doneItems = [...items.values()];
    return alignWithFacets(
      {
        calls: n('calls'),
        incoming: n('incoming'),
        outgoing: n('calls') - n('incoming'),
        meanDurationSec: totals?.mean_duration ?? null,
        medianDurationSec: totals?.median_duration ?? null,
        items: [...items].map(([id, i]) => ({ id, label: i.label, done: share(i.done, i.applied) })),
        greetingWithin30s: share(n('greeting'), n('spoken')),
        identityConfirmedOutbound: share(n('identity'), n('identity_of')),
        routed: share(n('routed'), n('calls')),
        invited: share(n('invited'), n('calls')),
        callbacksAgreed: callbacks.agreed,
        callbacksKeptOnTime: share(callbacks.kept, callbacks.of),
        itemsTickedAtWrapUp: share(
          doneItems.reduce((sum, i) => sum + i.wrapUp, 0),
          doneItems.reduce((sum, i) => sum + i.done, 0),
        ),
        meanScore: totals?.mean_score ?? null,
        perDay,
        outcomes: Object.fromEntries(OUTCOMES.map((o) => [o, n(`outcome_${o}`)])) as Record<Outcome, number>,
        routingTargets: targets.map((t) => ({ unitId: t.unit_id, unitName: t.unit_name, external: t.external, calls: t.calls })),
      },
      this.facetsNow!,
    );
  }

  /** The filter lists, as the folder register makes them: the last name a clerk or unit has in chain order (clerk, month, line), items in the order their lists first appear. */
  private async facets(client: pg.Client): Promise<RegisterFacets> {
    const collate = this.collation ? ` COLLATE "${this.collation}"` : '';
    const base = `f.reader = current_user AND f.version = $1 AND f.type = 'call' AND f.started_at IS NOT NULL`;
    const clerks = await client.query<{ id: string; name: string }>(
      `SELECT id, name FROM (SELECT DISTINCT ON (f.clerk_id) f.clerk_id::text AS id, f.clerk_name AS name FROM asystent.record_facts f WHERE ${base} ORDER BY f.clerk_id, f.month DESC, f.line_no DESC) c ORDER BY name${collate}, id COLLATE "C"`,
      [this.version],
    );
    const units = await client.query<{ id: string; name: string }>(
      `SELECT id, name FROM (SELECT DISTINCT ON (f.routed_unit_id) f.routed_unit_id AS id, f.routed_unit_name AS name FROM asystent.record_facts f WHERE ${base} AND f.routed_unit_id IS NOT NULL
         ORDER BY f.routed_unit_id, f.clerk_id::text DESC, f.month DESC, f.line_no DESC) u ORDER BY name${collate}, id COLLATE "C"`,
      [this.version],
    );
    const lists = await client.query<{ item_ids: string[]; item_labels: string[] }>(
      `SELECT f.item_ids, f.item_labels FROM asystent.record_facts f WHERE ${base} GROUP BY 1, 2 ORDER BY min(f.clerk_id::text || '/' || f.month || '/' || lpad(f.line_no::text, 10, '0'))`,
      [this.version],
    );
    const items = new Map<string, string>();
    for (const list of lists.rows) list.item_ids.forEach((id, i) => items.has(id) || items.set(id, list.item_labels[i]!));
    return { clerks: clerks.rows, units: units.rows, items: [...items].map(([id, label]) => ({ id, label })) };
  }

  /** The filtered rows in order, from a cursor on a connection of the export's own, a batch at a time. */
  private async *exportRows(filter: RegisterFilter, sort: RegisterSort): AsyncGenerator<[RegisterRow, string][]> {
    const p = new Params();
    const sql = `SELECT f.*, c.line FROM asystent.record_facts f JOIN asystent.calls c ON c.id = f.record_id AND c.hash = f.hash
      WHERE ${callsOf(p, this.version!)} AND ${filterSql(filter, p)} ORDER BY ${orderSql(sort, this.collation)}`;
    for await (const batch of this.cursor<FactRow>(sql, p.values)) {
      yield batch.map((fact) => {
        const row = this.rowOf(fact);
        return [row, this.integrityOf(row, fact)];
      });
    }
  }

  /** The stored lines of the filtered calls' months, in chain order: their calls, and the other records of those months (no client data in them), so a month re-imports whole. */
  private async *exportLines(filter: RegisterFilter): AsyncGenerator<string> {
    const p = new Params();
    const selected = `SELECT f.record_id, f.office_id, f.clerk_id, f.month FROM asystent.record_facts f WHERE ${callsOf(p, this.version!)} AND ${filterSql(filter, p)}`;
    const version = p.add(this.version);
    // Each line's kind as its facts say (read from the line itself), never from a column beside it.
    const sql = `WITH sel AS (${selected})
      SELECT c.line FROM asystent.calls c
        JOIN asystent.record_facts g ON g.reader = current_user AND g.version = ${version} AND g.record_id = c.id AND g.hash = c.hash
      WHERE (c.office_id, c.clerk_id, c.month) IN (SELECT DISTINCT office_id, clerk_id, month FROM sel)
        AND ((g.type <> 'call' AND g.problem IS NULL) OR c.id IN (SELECT record_id FROM sel))
      ORDER BY c.office_id, c.clerk_id, c.month, c.line_no`;
    for await (const batch of this.cursor<{ line: string }>(sql, p.values)) for (const { line } of batch) yield line;
  }

  private async *cursor<T extends pg.QueryResultRow>(sql: string, values: unknown[]): AsyncGenerator<T[]> {
    const client = await openPlain(this.database, REGISTER_QUERY_TIMEOUT_MS);
    try {
      await client.query('BEGIN READ ONLY');
      await client.query(`DECLARE export NO SCROLL CURSOR FOR ${sql}`, values);
      for (;;) {
        const { rows } = await client.query<T>(`FETCH ${EXPORT_BATCH} FROM export`);
        if (rows.length === 0) break;
        yield rows;
      }
      await client.query('COMMIT');
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

interface CallbackFacts {
  due: Date;
  kept_at: Date | null;
  changes: { at: string; change: CallbackChangeFact['change']; due_at: string | null }[] | null;
}

/**
 * Callbacks agreed among the filtered calls, and whether each was kept on
 * time — by a call of the clerk who agreed it, from any of the calls the
 * reader has (not only the filtered), after the changes made to it: the
 * earliest keeping call and the changes come from SQL, the judgement is
 * `callbackKept`'s, as in the folder register (statistics.ts).
 */
function judgeCallbacks(rows: readonly CallbackFacts[], now: number): { agreed: number; kept: number; of: number } {
  let kept = 0;
  let of = 0;
  for (const row of rows) {
    const changes = (row.changes ?? []).map((c) => ({ at: Date.parse(c.at), change: c.change, dueAt: c.due_at === null ? null : Date.parse(c.due_at) }));
    const judged = callbackKept(row.due.getTime(), row.kept_at?.getTime(), changes, now);
    if (judged !== null) of++;
    if (judged === 'on-time') kept++;
  }
  return { agreed: rows.length, kept, of };
}

interface FactRow {
  record_id: string;
  office_id: string;
  clerk_id: string;
  month: string;
  clerk_name: string | null;
  started_at: Date;
  saved_at: Date;
  direction: string;
  duration_sec: number;
  outcome: string;
  routed_unit_id: string | null;
  routed_unit_name: string | null;
  routed_external: boolean | null;
  appointment_at: Date | null;
  callback_due_at: Date | null;
  callback_of: string | null;
  outbound_person: string | null;
  personal_data: boolean;
  greeting: boolean;
  score: number | null;
  trust: string;
  item_ids: string[];
  item_labels: string[];
  states: string;
  /** The stored line (hashed, checked): the note is read from it, never from a column beside it. */
  line: string;
  sort_value?: unknown;
}

/** A call's note, as its stored line says it ('' for a line that is not a call's). */
function noteOf(line: string): string {
  const record = parseRecordLine(line);
  return record && isCallRecord(record) ? record.note : '';
}

function chainKey(fact: { clerk_id: string; month: string }): string {
  return `${fact.clerk_id}/${fact.month}`;
}
