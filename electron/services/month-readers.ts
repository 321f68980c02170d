import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ChecklistDefinition } from '../../shared/call/checklist';
import type { ChecklistCatalog } from '../../shared/call/checklist-catalog';
import type { MonthOfClerk, MonthReading } from './month-reading';
import { rowsFromThread } from './register-rows-codec';

/**
 * Worker threads that read whole month files for the register, one file per
 * worker at a time: a first opening of a big office's folders (thousands of
 * files, no index yet) verifies, parses and scores on every core instead of
 * one, and the window's process stays free meanwhile. Each worker is the
 * built month-reading-worker.js; it starts on the first file and stops when
 * the register is closed, or after a while with nothing to read.
 *
 * A worker that cannot start, fails or dies answers null: the register then
 * reads that file itself, so a reading never depends on them.
 */

/** The built worker beside an entry of out/main (`import.meta.url` of index.js or web.js); null when it is not there (the entry run from source). */
export function builtMonthReader(entryUrl: string): string | null {
  const script = fileURLToPath(new URL('./month-reading-worker.js', entryUrl));
  return existsSync(script) ? script : null;
}

/** One month file to read whole. */
export interface ReaderJob {
  path: string;
  /** Whether the file has an import's list of masked lines beside it to read first. */
  listed: boolean;
  /** The catalog's hash (register.ts): a worker keeps the last catalog it was sent under it. */
  catalogKey: string;
  of: Omit<MonthOfClerk, 'masked'>;
}

export interface ReaderRequest {
  job: ReaderJob;
  /** The catalog's definitions, sent to a worker when it does not have this catalog yet. */
  definitions?: readonly ChecklistDefinition[];
}

export type ReaderReply = { size: number; reading: MonthReading } | { error: string };

/** What a worker's reading gives the register: the reading, and the size of the file as read. */
export interface ReadWhole {
  size: number;
  reading: MonthReading;
}

/** A worker with nothing to read for this long is stopped (it holds a few megabytes of its own). */
const IDLE_STOP_MS = 30_000;

/** Workers that end in the middle of a file (out of memory, killed) before none is started again. */
const DEATHS_TOLERATED = 3;

/**
 * A worker's young generation, twice V8's default: reading a month makes a
 * few short-lived objects per line, and with more room for them fewer
 * collections run, each on a core the other worker needs (a first opening
 * of 100,000 calls in two workers: about 13% sooner). It costs up to 48 MB
 * more per worker while a first opening lasts; idle workers stop.
 */
const YOUNG_GENERATION_MB = 96;

interface Slot {
  worker: Worker;
  catalogKey: string | null;
  busy: ((reply: ReaderReply | null) => void) | null;
  idle: NodeJS.Timeout | null;
}

export class MonthReaders {
  /** Files read side by side: one per core, at most four (more only adds memory while the disk is the limit). */
  readonly size: number;
  private readonly slots: Slot[] = [];
  private readonly waiting: (() => void)[] = [];
  private broken = false;
  private closed = false;
  private deaths = 0;
  /** Files the workers have read so far (what they could not read, the register read itself). */
  filesRead = 0;

  constructor(
    private readonly script: string | URL,
    size = Math.min(4, availableParallelism()),
  ) {
    this.size = Math.max(1, size);
  }

  /**
   * The file read whole by a worker, its calls scored against `catalog` (the
   * register's own, whose hash is `job.catalogKey`), or null when no worker
   * could read it (the caller reads it itself).
   */
  async read(job: ReaderJob, catalog: ChecklistCatalog): Promise<ReadWhole | null> {
    if (this.broken || this.closed) return null;
    const slot = await this.freeSlot();
    if (!slot) return null;
    const send = slot.catalogKey === job.catalogKey ? undefined : catalog.all();
    const reply = await new Promise<ReaderReply | null>((resolve) => {
      slot.busy = resolve;
      slot.worker.ref(); // a reading under way keeps the process alive
      try {
        slot.worker.postMessage({ job, definitions: send } satisfies ReaderRequest);
      } catch (error) {
        // A job that cannot be sent (a value structured cloning refuses): the register reads the file.
        resolve({ error: (error as Error).message });
      }
    });
    slot.busy = null;
    this.release(slot);
    if (!reply || 'error' in reply) {
      if (reply) console.error(`[register] a worker could not read ${job.path}: ${reply.error}`);
      return null;
    }
    slot.catalogKey = job.catalogKey;
    let rows;
    try {
      rows = rowsFromThread(reply.reading.rows);
    } catch (error) {
      // Not rows this build makes (a worker script of another build): the register reads the file.
      console.error(`[register] a worker's reading of ${job.path} was not understood: ${(error as Error).message}`);
      return null;
    }
    this.filesRead++;
    return { size: reply.size, reading: { ...reply.reading, rows } };
  }

  /** Stops every worker, and starts none again; a reading in progress answers null. */
  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.waiting.splice(0)) wake();
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((slot) => this.stop(slot)));
  }

  private async freeSlot(): Promise<Slot | null> {
    for (;;) {
      const free = this.slots.find((s) => s.busy === null);
      if (free) {
        if (free.idle) clearTimeout(free.idle);
        free.idle = null;
        free.busy = () => undefined; // taken: the next caller waits or starts another
        return free;
      }
      if (this.slots.length < this.size) return this.start();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      if (this.broken || this.closed) return null;
    }
  }

  private start(): Slot | null {
    let worker: Worker;
    try {
      worker = new Worker(this.script, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    } catch (error) {
      this.giveUp(`${(error as Error).message}`);
      return null;
    }
    const slot: Slot = { worker, catalogKey: null, busy: () => undefined, idle: null };
    worker.on('message', (reply: ReaderReply) => slot.busy?.(reply));
    // A worker that fails to load or dies: what it was reading is read by the register, and no worker is started again.
    worker.on('error', (error) => {
      this.giveUp(error.message);
      slot.busy?.(null);
    });
    worker.on('exit', (code) => {
      this.forget(slot);
      if (slot.busy && !this.closed && ++this.deaths >= DEATHS_TOLERATED) this.giveUp(`workers ended in the middle of a file ${this.deaths} times (last exit code ${code})`);
      slot.busy?.(null);
    });
    // A worker waiting for files does not keep the process alive.
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private release(slot: Slot): void {
    if (!this.slots.includes(slot)) return;
    slot.worker.unref();
    slot.idle = setTimeout(() => {
      this.forget(slot);
      void this.stop(slot);
    }, IDLE_STOP_MS);
    slot.idle.unref();
    this.waiting.shift()?.();
  }

  private forget(slot: Slot): void {
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
    if (slot.idle) clearTimeout(slot.idle);
    this.waiting.shift()?.();
  }

  private async stop(slot: Slot): Promise<void> {
    if (slot.idle) clearTimeout(slot.idle);
    await slot.worker.terminate().catch(() => undefined);
  }

  private giveUp(why: string): void {
    if (!this.broken) console.error(`[register] month files are read without worker threads: ${why}`);
    this.broken = true;
    for (const wake of this.waiting.splice(0)) wake();
  }
}
