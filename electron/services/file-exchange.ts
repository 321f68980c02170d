import { randomBytes } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { UPLOADED_FILE_NAME } from '../../shared/contract/service-errors';

/** Written in large pieces: an export of a year of calls is tens of megabytes. */
const WRITE_CHUNK = 256 * 1024;

/**
 * Moving a file between the person and the app, one capability with two
 * ways: on the desktop the system's save and open dialogs (the page never
 * names a path on disk); in web mode the browser's download and upload.
 * The register's export, import and printed report are contract methods
 * in both modes; only this differs.
 */
export interface FileExchange {
  readonly kind: 'dialogs' | 'browser';
  /** Gives a file to the person. Dialogs: written where they choose (null: cancelled). Browser: held for the page to download once. */
  give(file: OutgoingFile): Promise<GivenFile | null>;
  /** Takes the file the person gives. Dialogs: the one they open (null: cancelled). Browser: the one the page uploaded under `upload`. */
  take(upload: string | null, what?: TakenKind): Promise<TakenFile | null>;
  /** The window's page as a PDF, saved where the person chooses: dialogs only (a browser prints the page itself). */
  readonly printToPdf: (() => Promise<Uint8Array>) | null;
}

export interface OutgoingFile {
  suggestedName: string;
  /** The save dialog's title, where the file is not the register's export. */
  title?: string;
  contentType: string;
  write(out: Writable): Promise<void>;
}

/** Where the file went: a path on disk (dialogs), or an address the page downloads it from once (browser). */
export type GivenFile = { path: string; download: null } | { path: null; download: string };

export interface TakenFile {
  /** Where the file is on this computer. */
  path: string;
  /** How the person knows it (an upload's temporary path means nothing to them). */
  shownAs: string;
  /** Lets go of the file once read (an upload is removed). */
  done(): Promise<void>;
}

/** What a file taken is, for the open dialog's title and filter: clerks' exported calls, or a table of the directory. */
export type TakenKind = 'calls' | 'directory-table';

export type SavePathChooser = (suggestedName: string, title?: string) => Promise<string | null>;
export type OpenPathChooser = (what: TakenKind) => Promise<string | null>;

/** The desktop's way: the system's dialogs over the window. */
export function dialogExchange(choose: { save: SavePathChooser; open: OpenPathChooser; printToPdf: (() => Promise<Uint8Array>) | null }): FileExchange {
  return {
    kind: 'dialogs',
    async give(file) {
      const path = await choose.save(file.suggestedName, file.title);
      if (path === null) return null;
      await writeWhole(path, file.write);
      return { path, download: null };
    },
    async take(upload, what = 'calls') {
      // The page cannot hand the desktop app a file of its choosing: only the dialog can.
      if (upload !== null) return null;
      const path = await choose.open(what);
      return path === null ? null : { path, shownAs: path, done: async () => undefined };
    },
    printToPdf: choose.printToPdf,
  };
}

/** How long a download waits for the page to fetch it, and an upload for the call that imports it. */
export const HELD_FOR_MS = 5 * 60_000;

/** Web mode's way: downloads held for the page, uploads written to a folder until imported. */
export class BrowserExchange implements FileExchange {
  readonly kind = 'browser' as const;
  readonly printToPdf = null;
  private readonly downloads = new Map<string, { file: OutgoingFile; timer: NodeJS.Timeout }>();
  private readonly uploads = new Map<string, { path: string; shownAs: string; timer: NodeJS.Timeout }>();

  /** @param uploadDir where uploads are written while they wait (removed at every start) */
  constructor(readonly uploadDir: string) {}

  async give(file: OutgoingFile): Promise<GivenFile> {
    const id = randomBytes(16).toString('hex');
    const timer = setTimeout(() => this.downloads.delete(id), HELD_FOR_MS);
    timer.unref();
    this.downloads.set(id, { file, timer });
    return { path: null, download: `/files/${id}` };
  }

  /** The download the page asks for, once: the second ask finds nothing. */
  collect(id: string): OutgoingFile | null {
    const held = this.downloads.get(id);
    if (!held) return null;
    clearTimeout(held.timer);
    this.downloads.delete(id);
    return held.file;
  }

  /**
   * A new place for an upload to be written; `keep` registers it once whole.
   * @param name the file's name as the page says the person chose it (only its last part is kept), for messages
   */
  async receive(name: string | null = null): Promise<{ path: string; keep(): string; discard(): Promise<void> }> {
    const shownAs = shownName(name);
    await fs.mkdir(this.uploadDir, { recursive: true });
    const id = randomBytes(16).toString('hex');
    const path = join(this.uploadDir, `upload-${id}.jsonl`);
    return {
      path,
      keep: () => {
        // Not imported in time (the page closed, say): the client's raw export does not stay on disk.
        const timer = setTimeout(() => void this.drop(id), HELD_FOR_MS);
        timer.unref();
        this.uploads.set(id, { path, shownAs, timer });
        return id;
      },
      discard: () => fs.rm(path, { force: true }),
    };
  }

  async take(upload: string | null): Promise<TakenFile | null> {
    const held = upload === null ? undefined : this.uploads.get(upload);
    if (!held) return null;
    clearTimeout(held.timer);
    this.uploads.delete(upload!);
    return { path: held.path, shownAs: held.shownAs, done: () => fs.rm(held.path, { force: true }) };
  }

  private async drop(id: string): Promise<void> {
    const held = this.uploads.get(id);
    this.uploads.delete(id);
    if (held) await fs.rm(held.path, { force: true }).catch(() => undefined);
  }
}

/** A name fit to show: the last part of what the page sent, without control characters, not too long; else "Przesłany plik". */
function shownName(name: string | null): string {
  const last = (name ?? '').split(/[\\/]/).pop() ?? '';
  // Control characters, and the marks that turn text right to left ("cod.exe" shown as "exe.doc").
  const clean = last.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim().slice(0, 120);
  return clean === '' || clean === '.' || clean === '..' ? UPLOADED_FILE_NAME : clean;
}

/**
 * Writes a whole file where the person chose: beside it under a temporary
 * name, synced, then renamed, so a full disk or a pulled USB stick leaves no
 * half-written file that looks whole.
 */
export async function writeWhole(path: string, write: (out: Writable) => Promise<void>): Promise<void> {
  const partial = `${path}.part`;
  const out = createWriteStream(partial, { flags: 'w', mode: 0o600, highWaterMark: WRITE_CHUNK });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined); // raced below; never left unhandled
  // The file is opened in the background: a write that fails at once may beat the open, so
  // the clean-up waits for the stream to be closed — else the open lands after the removal.
  const closed = new Promise<void>((resolve) => out.once('close', () => resolve()));
  try {
    await Promise.race([failed, write(out)]);
    out.end();
    await Promise.race([failed, once(out, 'finish')]);
    const handle = await fs.open(partial, 'r+');
    await handle.sync().finally(() => handle.close());
    await fs.rename(partial, path);
  } catch (error) {
    out.destroy();
    await closed;
    await fs.rm(partial, { force: true }).catch(() => undefined);
    throw error;
  }
}
