import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CallStateSchema, IDLE, type CallState } from '../../shared/call/call-machine';
import { draftText } from '../../shared/masking/stored-text';
import { fileTimestamp, readIfExists, writeFileAtomic } from './atomic-file';
import { SerialQueue } from './serial-queue';

/** Bumped whenever the call state changes shape, so an old draft is set aside with a notice, not misread. */
const DRAFT_SCHEMA_VERSION = 1;
const DraftFileSchema = z.object({ schemaVersion: z.literal(DRAFT_SCHEMA_VERSION), state: CallStateSchema });
type DraftFile = z.infer<typeof DraftFileSchema>;

export interface DraftLoad {
  state: CallState;
  /** Set when draft.json was unreadable: the name it was moved aside to. */
  setAsideAs?: string;
}

/**
 * draft.json: the call in progress, rewritten atomically on every change so a
 * crash or a killed process mid-call restores it on the next start. What the
 * clerk typed is masked here too: a half-typed PESEL must not sit on disk either.
 */
export class DraftStore {
  private readonly file: string;
  // Writes land in the order they were asked for, so an older state can never overwrite a newer one.
  private readonly queue = new SerialQueue();

  /** @param beforeWrite throws when this app may no longer write (it lost the data directory to another) */
  constructor(
    private readonly dataDir: string,
    private readonly beforeWrite: () => Promise<void> = async () => undefined,
  ) {
    this.file = join(dataDir, 'draft.json');
  }

  async load(now = new Date()): Promise<DraftLoad> {
    const raw = await readIfExists(this.file);
    if (raw === null) return { state: IDLE };
    const state = parseDraft(raw);
    if (state) return { state };
    const setAsideAs = `draft.corrupt-${fileTimestamp(now)}.json`;
    await fs.rename(this.file, join(this.dataDir, setAsideAs));
    return { state: IDLE, setAsideAs };
  }

  async save(state: CallState): Promise<void> {
    if (state.phase === 'idle') return this.clear();
    const file: DraftFile = { schemaVersion: DRAFT_SCHEMA_VERSION, state: maskedForDisk(state) };
    await this.queue.run(async () => {
      await this.beforeWrite();
      await writeFileAtomic(this.file, JSON.stringify(file));
    });
  }

  async clear(): Promise<void> {
    await this.queue.run(async () => {
      await this.beforeWrite();
      await fs.rm(this.file, { force: true });
    });
  }
}

/** The text of a draft file as the call it holds, or null when it is not a whole, valid draft; never throws. */
export function parseDraft(raw: string): CallState | null {
  try {
    const parsed = DraftFileSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data.state : null;
  } catch {
    return null;
  }
}

/**
 * What the clerk typed, masked before it touches the disk: the note (also
 * while it waits in `kept` after going back to the call) and the callback
 * reference, which is typed during the call.
 */
function maskedForDisk(state: Exclude<CallState, { phase: 'idle' }>): CallState {
  // More than a record's masking: a PESEL half typed when the draft is written must not sit on disk either.
  const mask = (text: string) => draftText(text);
  const { callback, routedTo } = state.call;
  // The unit's name comes from the window; it is masked like what is typed (see routedAsListed).
  const call = {
    ...state.call,
    ...(callback ? { callback: { ...callback, reference: mask(callback.reference) } } : {}),
    ...(routedTo ? { routedTo: { ...routedTo, unitName: mask(routedTo.unitName) } } : {}),
  };
  if (state.phase === 'wrap-up') return { ...state, call, note: mask(state.note) };
  return state.kept ? { ...state, call, kept: { ...state.kept, note: mask(state.kept.note) } } : { ...state, call };
}
