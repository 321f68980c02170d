import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHandlers, dispatch } from '../../electron/handlers';
import { openAppServices, type AppServices } from '../../electron/services/app-services';
import { API_METHOD_NAMES } from '../../shared/contract/api-methods';
import type { ApiEnvelope } from '../../shared/contract/api';
import { buildSearchIndex, search } from '../../shared/directory/search';
import { createApi } from '../../renderer/src/api/client';
import { setApi } from '../../renderer/src/api/instance';
import { useCallStore } from '../../renderer/src/call/call-store';
import { useCallbacksStore } from '../../renderer/src/callbacks/callbacks-store';
import { draftIdle } from '../../renderer/src/call/draft-writer';
import { useHistoryStore } from '../../renderer/src/desk/history-store';

/**
 * A long working life in one run: the window's own stores drive the real
 * services through 6,000 calls (SOAK_CALLS to change) — start, greeting and
 * items ticked, a matter searched for, routed or a callback agreed, ended, a
 * note, saved — with the draft written on every change and the callbacks
 * re-read after every save, as the window does; a call every 12 minutes of
 * office hours on working days (about 800 a month), so the run crosses
 * seven month files (10,000 calls, a year, with SOAK_CALLS=10000).
 *
 * Bounds (measured against the same run's own start, once the first calls
 * have warmed everything up):
 * - retained heap after the last call at most RETAINED_BOUND_MB above the
 *   heap after call 2,000 (measured every 500 calls, the retained heap
 *   grows by several megabytes up to about call 2,000 and then moves
 *   within a megabyte or two; a leak goes on growing);
 * - open file descriptors do not grow;
 * - the median save and the 95th-percentile search of the last 1,000 calls at
 *   most 1.5× those of calls 1,000–2,000 (plus 1 ms for timer noise).
 */
const CALLS = Number(process.env.SOAK_CALLS ?? 6_000);
const RETAINED_BOUND_MB = 5;
const CALL_SPACING_MS = 12 * 60_000;

/** The next call's start: 12 minutes on, or 8:00 of the next weekday once the office closes at 16:00. */
function nextCallStart(previous: number): number {
  const next = new Date(previous + CALL_SPACING_MS);
  if (next.getHours() < 16) return next.getTime();
  do next.setDate(next.getDate() + 1);
  while (next.getDay() === 0 || next.getDay() === 6);
  next.setHours(8, 0, 0, 0);
  return next.getTime();
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const retainedMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
/** Open file descriptors, where the system lists them (Linux); elsewhere not checked. */
const openFds = () => (existsSync('/proc/self/fd') ? readdirSync('/proc/self/fd').length : 0);
const queries = readFileSync('test/fixtures/routing-queries.jsonl', 'utf8')
  .trim()
  .split('\n')
  .map((l) => (JSON.parse(l) as { query: string }).query);

/**
 * The soak looks for growth in the app itself, not at the disk: where the
 * machine has a memory-backed folder its fsyncs cost nothing and 6,000 calls
 * take under a minute instead of several. (The disk's own cost is in `npm run bench`.)
 */
function memoryBackedTmp(): string {
  return existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
}

let services: AppServices;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(memoryBackedTmp(), 'soak-'));
  services = await openAppServices(dataDir, 'resources');
  const handlers = createHandlers(services);
  const bridge = Object.fromEntries(API_METHOD_NAMES.map((m) => [m, (payload: unknown): Promise<ApiEnvelope<unknown>> => dispatch(handlers, m, payload)]));
  setApi(createApi({ api: bridge } as unknown as Window));
  await handlers.saveProfile({ firstName: 'Anna', lastName: 'Nowak', role: 'pracownik', unit: 'Dział Ewidencji i Świadczeń', officeName: 'Powiatowy Urząd Pracy w Łodzi' });
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(2026, 0, 5, 8, 0));
});
afterAll(async () => {
  vi.useRealTimers();
  setApi(null);
  await services.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

describe('soak', () => {
  it(`${CALLS} calls through the window's stores: no growing memory, files or latency`, async () => {
    const index = buildSearchIndex(services.content.directory, services.content.glossary);
    const incoming = services.content.checklists.find((c) => c.direction === 'incoming')!;
    const calls = useCallStore.getState();
    const saveMs: number[] = [];
    const searchMs: number[] = [];
    const refreshMs: number[] = [];
    let lastId: string | undefined;
    let heapAtWarm = 0;
    let fdsAtWarm = 0;
    const step = (ms: number) => vi.setSystemTime(Date.now() + ms);

    for (let i = 0, start = Date.now(); i < CALLS; i++, start = nextCallStart(start)) {
      vi.setSystemTime(start);
      // The call after one that agreed a callback returns it, so callbacks are kept as they are in an office.
      calls.startCall(incoming, i % 7 === 1 ? useCallbacksStore.getState().callbacks.find((c) => c.id === lastId) : undefined);
      step(4_000);
      calls.dispatch({ type: 'toggle-item', itemId: 'greeting', at: Date.now() });
      const query = queries[i % queries.length]!;
      const t0 = performance.now();
      const hits = search(index, query);
      searchMs.push(performance.now() - t0);
      step(60_000);
      for (const item of incoming.items.slice(1, 1 + (i % incoming.items.length))) calls.dispatch({ type: 'toggle-item', itemId: item.id, at: Date.now() });
      const unit = hits.find((h) => h.unit)?.unit;
      if (i % 3 === 0 && unit) calls.dispatch({ type: 'route', unit: { ...unit, external: false }, at: Date.now() });
      if (i % 7 === 0) calls.dispatch({ type: 'set-callback', plan: { dueAt: Date.now() + 2 * 3600_000, reference: `Sprawa ${i}` } });
      step(30_000);
      calls.dispatch({ type: 'end', at: Date.now() });
      const ended = useCallStore.getState().state;
      const routed = ended.phase === 'wrap-up' && ended.outcome !== null;
      if (i % 7 === 0) {
        calls.dispatch({ type: 'set-outcome', outcome: 'callback' });
        calls.setContact({ phone: '601 234 567', name: 'Jan Kowalski', honorific: 'pan' });
      } else if (!routed) calls.dispatch({ type: 'set-outcome', outcome: 'resolved' });
      calls.dispatch({ type: 'set-note', note: i % 11 === 0 ? `Pytał o staż, PESEL 44051401359, tel. 601 234 567 (${i})` : `Rozmowa ${i}: ${query}` });
      await draftIdle();

      const t1 = performance.now();
      const saved = await useCallStore.getState().save();
      saveMs.push(performance.now() - t1);
      expect(saved, `call ${i} saved`).toBe(true);
      lastId = useCallStore.getState().lastSavedId ?? undefined;
      const t2 = performance.now();
      await useCallbacksStore.getState().load();
      refreshMs.push(performance.now() - t2);
      if (i % 100 === 0) await useHistoryStore.getState().load();

      if (i === 1_999) {
        heapAtWarm = retainedMb();
        fdsAtWarm = openFds();
      }
    }
    const heapAtEnd = retainedMb();
    const fdsAtEnd = openFds();

    // Everything is there, once, and the window's lists are right.
    const clerkId = services.settings.profile!.clerkId;
    const months = await services.journal.months(clerkId);
    const read = await Promise.all(months.map((m) => services.journal.readMonth(clerkId, m)));
    expect(read.flatMap((r) => r.problems)).toEqual([]);
    expect(read.reduce((n, r) => n + r.records.length, 0)).toBe(CALLS);
    expect(months.length).toBeGreaterThanOrEqual(Math.floor(CALLS / 900));
    expect(read.flatMap((r) => r.records).some((r) => JSON.stringify(r).includes('44051401359'))).toBe(false);
    expect(useHistoryStore.getState().calls).toHaveLength(50);
    expect(useCallStore.getState().state.phase).toBe('idle');

    const early = { save: percentile(saveMs.slice(1000, 2000), 0.5), refresh: percentile(refreshMs.slice(1000, 2000), 0.5), search: percentile(searchMs.slice(1000, 2000), 0.95) };
    const late = { save: percentile(saveMs.slice(-1000), 0.5), refresh: percentile(refreshMs.slice(-1000), 0.5), search: percentile(searchMs.slice(-1000), 0.95) };
    console.info(
      `[soak] ${CALLS} calls over ${months.length} months: retained heap ${heapAtWarm.toFixed(1)} MB after 2,000 → ${heapAtEnd.toFixed(1)} MB at the end ` +
        `(bound +${RETAINED_BOUND_MB} MB); open files ${fdsAtWarm} → ${fdsAtEnd}; ` +
        `save median ${early.save.toFixed(2)} → ${late.save.toFixed(2)} ms; callbacks re-read median ${early.refresh.toFixed(2)} → ${late.refresh.toFixed(2)} ms; search p95 ${early.search.toFixed(3)} → ${late.search.toFixed(3)} ms`,
    );
    expect(heapAtEnd - heapAtWarm).toBeLessThanOrEqual(RETAINED_BOUND_MB);
    // A leak grows with the calls after the warm-up; the test runner itself may open a descriptor or two meanwhile.
    expect(fdsAtEnd).toBeLessThanOrEqual(fdsAtWarm + 2);
    expect(late.save).toBeLessThanOrEqual(early.save * 1.5 + 1);
    expect(late.refresh).toBeLessThanOrEqual(early.refresh * 1.5 + 1);
    expect(late.search).toBeLessThanOrEqual(early.search * 1.5 + 1);
    expect(useCallbacksStore.getState().callbacks.length).toBeLessThanOrEqual(2);
  }, 900_000);
});
