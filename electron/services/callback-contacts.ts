import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { contactsToDrop, StoredContactSchema, type CallbackContact, type StoredContact } from '../../shared/callbacks/callback-contact';
import { fileTimestamp, readIfExists, writeFileAtomic } from './atomic-file';
import { SerialQueue } from './serial-queue';

const FILE = 'callback-contacts.json';
const SCHEMA_VERSION = 1;
const SET_ASIDE = /^callback-contacts\.corrupt-[\w.-]+\.json$/u;
const FileSchema = z.object({ schemaVersion: z.literal(SCHEMA_VERSION), contacts: z.array(StoredContactSchema).max(10_000) });

/**
 * callback-contacts.json: whom to call for each open callback, on this
 * computer only — the journal, the team copy and every export hold none of
 * it. Written whole and durably on every change (atomic-file.ts), readable by
 * its owner only. An unreadable file is set aside under a dated name, never
 * silently emptied, and the clerk is told; the callbacks themselves live in
 * the journal and are not lost with it.
 */
export class CallbackContactStore {
  private readonly file: string;
  private readonly queue = new SerialQueue();
  private cache: Map<string, StoredContact> | null = null;
  /** The name an unreadable file was moved aside to, until it is said. */
  private setAsideAs: string | null = null;

  /** @param beforeWrite throws when this app may no longer write (it lost the data directory to another) */
  constructor(
    private readonly dataDir: string,
    private readonly beforeWrite: () => Promise<void> = async () => undefined,
  ) {
    this.file = join(dataDir, FILE);
  }

  async all(): Promise<Map<string, StoredContact>> {
    return this.queue.run(() => this.load());
  }

  /** The name an unreadable file was set aside as, once: the clerk is told, and then it is not said again. */
  takeSetAside(): string | null {
    const name = this.setAsideAs;
    this.setAsideAs = null;
    return name;
  }

  /** Keeps whom to call for a callback, due at `dueAt`. */
  async put(callbackId: string, contact: CallbackContact, dueAt: string, now = Date.now()): Promise<void> {
    await this.change((contacts) => {
      contacts.set(callbackId, { callbackId, ...contact, dueAt, storedAt: new Date(now).toISOString() });
    });
  }

  /** The callback was moved to another time: the purge counts from the new one. */
  async reschedule(callbackId: string, dueAt: string): Promise<void> {
    await this.change((contacts) => {
      const kept = contacts.get(callbackId);
      if (kept) contacts.set(callbackId, { ...kept, dueAt });
      else return false;
    });
  }

  /** The callback's call was saved or it was called off: its contact goes now. */
  async remove(callbackId: string): Promise<void> {
    await this.change((contacts) => (contacts.delete(callbackId) ? undefined : false));
  }

  /**
   * Drops contacts past their keeping and those whose callback is no longer
   * open; a file once set aside as unreadable goes too once it is older than
   * the keeping — it holds the same kind of data.
   */
  async purge(openIds: ReadonlySet<string>, now: number, keepDays: number): Promise<void> {
    await this.change((contacts) => {
      const drop = contactsToDrop([...contacts.values()], openIds, now, keepDays);
      if (drop.size === 0) return false;
      for (const id of drop) contacts.delete(id);
    });
    await this.queue.run(async () => {
      const names = await fs.readdir(this.dataDir).catch(() => [] as string[]);
      for (const name of names.filter((n) => SET_ASIDE.test(n))) {
        const path = join(this.dataDir, name);
        const stat = await fs.lstat(path).catch(() => null);
        if (stat?.isFile() && now - stat.mtimeMs > keepDays * 24 * 3600_000) {
          await this.beforeWrite();
          await fs.rm(path, { force: true });
        }
      }
    });
  }

  /** Applies `edit` and writes the file, unless `edit` says nothing changed (returns false). */
  private async change(edit: (contacts: Map<string, StoredContact>) => void | false): Promise<void> {
    await this.queue.run(async () => {
      const contacts = new Map(await this.load());
      if (edit(contacts) === false) return;
      await this.beforeWrite();
      if (contacts.size === 0) await fs.rm(this.file, { force: true });
      else await writeFileAtomic(this.file, JSON.stringify({ schemaVersion: SCHEMA_VERSION, contacts: [...contacts.values()] }));
      this.cache = contacts;
    });
  }

  private async load(): Promise<Map<string, StoredContact>> {
    if (this.cache) return this.cache;
    const raw = await readIfExists(this.file);
    if (raw === null) return (this.cache = new Map());
    let parsed: z.infer<typeof FileSchema> | null = null;
    try {
      const result = FileSchema.safeParse(JSON.parse(raw));
      if (result.success) parsed = result.data;
    } catch {
      // Read as unreadable below.
    }
    if (!parsed) {
      const asideAs = `callback-contacts.corrupt-${fileTimestamp(new Date())}.json`;
      await this.beforeWrite();
      await fs.rename(this.file, join(this.dataDir, asideAs));
      this.setAsideAs = asideAs;
      return (this.cache = new Map());
    }
    return (this.cache = new Map(parsed.contacts.map((c) => [c.callbackId, c])));
  }
}
