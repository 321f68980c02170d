import { isUtf8 } from 'node:buffer';
import { z } from 'zod';
import { polishIssueMessages } from '../../shared/contract/api';
import { directoryCrossProblems, DirectorySchema, glossaryCrossProblems, GlossarySchema, type CrossProblemSink, type Directory, type Glossary } from '../../shared/directory/directory';

/**
 * Checking a directory or glossary file an office edits, with each problem
 * placed at a line and column of the text — so the command-line check, the
 * settings screen and a start-up notice all point at the same spot.
 *
 * The file may be anything up to the read limit (1 MB): thousands of
 * problems, nesting 100,000 deep, one huge line. So the work is done in
 * steps that {@link checkContentAsync} spreads over the event loop — never
 * more than a few milliseconds at a time, the app's calls and saving go on
 * meanwhile — and each step's cost is bounded:
 *
 * - the syntax and the value: read token by token, with a stack of open
 *   brackets instead of recursion (JSON.parse is one call that cannot be
 *   split: 1 MB of nested brackets holds it 40–60 ms), stopping at the
 *   first error, said in Polish; the value is JSON.parse's to the letter
 *   (a string with escapes is decoded by it); brackets nested more than
 *   {@link MAX_NESTING} deep are refused, not built;
 * - the schema: a file of up to {@link WHOLE_CHECK_MAX_VALUES} values, as
 *   every real one is, in one go, exactly as the app reads it; a bigger one
 *   entry by entry (each matter, unit or term on its own), then the whole
 *   with the entries already checked (the cross-checks: duplicate
 *   identifiers, unknown units);
 * - the places: one scan of the text for the paths of the problems listed,
 *   and one index of line starts, searched by halving — not a split of the
 *   text per problem;
 * - the list: the first {@link CHECK_PROBLEMS_LISTED} problems in file
 *   order, and how many there are in all.
 */
export interface CheckProblem {
  line: number;
  column: number;
  path: string;
  message: string;
}

export type ContentKind = 'directory' | 'glossary';

export type CheckResult =
  | { ok: true; kind: 'directory'; value: Directory }
  | { ok: true; kind: 'glossary'; value: Glossary }
  | { ok: false; problems: CheckProblem[]; problemCount: number };

/** At most this many problems are listed, the first in the file; `problemCount` says how many there are. */
export const CHECK_PROBLEMS_LISTED = 100;

/** Up to this many values (a large office's directory has a few thousand), the schema checks the file in one go: ~15 ms at most. */
const WHOLE_CHECK_MAX_VALUES = 10_000;

/** An entry (a matter, unit, term) of more values than this is refused unchecked: a real one has a few dozen. Checking one costs ~5 ms at most. */
const ENTRY_MAX_VALUES = 2_000;

/** The longest stretch {@link checkContentAsync} works before letting the event loop run. */
const SLICE_MS = 8;

/** Checks a file's text in one go; without `kind`, a file with `terms` is taken for a glossary. The app and the command line use {@link checkContentAsync}, which lets the event loop run. */
export function checkContent(rawText: string, kind?: ContentKind): CheckResult {
  return toTheEnd(checking(rawText, kind));
}

/**
 * The check's own JSON reader, in one go: the text's value as JSON.parse
 * gives it, or the first place (offset) it is not JSON, and why — or, for
 * text nested deeper than MAX_NESTING, where it gets too deep.
 */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; offset: number; message: string; path: string } {
  return toTheEnd(parseJson(text));
}

/** {@link checkContent}, giving the event loop its turn every few milliseconds. */
export async function checkContentAsync(rawText: string, kind?: ContentKind): Promise<CheckResult> {
  const steps = checking(rawText, kind);
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}

/** `FILE:LINE:COLUMN path message`, the form editors and CI annotations understand. */
export function formatProblem(file: string, p: CheckProblem): string {
  return `${file}:${p.line}:${p.column} ${p.path} ${p.message}`;
}

/** "… i 37 dalszych problemów": what a list cut at `listed` leaves out of `count`; null when nothing is. */
export function moreProblems(listed: number, count: number): string | null {
  const rest = count - listed;
  if (rest <= 0) return null;
  return `… i ${rest} ${rest === 1 ? 'dalszy problem' : 'dalszych problemów'} (razem ${count})`;
}

// ---- bytes to text ---------------------------------------------------------

/**
 * A file's bytes as text, or where they are not UTF-8 (a file saved as
 * Windows-1250 or UTF-16 would otherwise come through with its Polish
 * letters replaced by `�`, and be taken). A UTF-8 byte-order mark is kept
 * in the text (the check skips it).
 */
export function decodeContent(bytes: Uint8Array): { ok: true; text: string } | { ok: false; problem: CheckProblem } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff)) {
    return { ok: false, problem: { line: 1, column: 1, path: '(kodowanie)', message: `plik jest zapisany w UTF-16 — ${SAVE_AS_UTF8}` } };
  }
  if (isUtf8(buffer)) return { ok: true, text: buffer.toString('utf8') };
  const at = firstNonUtf8(buffer);
  if (at < 0) return { ok: true, text: buffer.toString('utf8') }; // not met: both follow the standard
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (buffer[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const bom = lineStart === 0 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  const column = buffer.toString('utf8', lineStart + bom, at).length + 1;
  const byte = buffer[at]!.toString(16).toUpperCase().padStart(2, '0');
  return { ok: false, problem: { line, column, path: '(kodowanie)', message: `plik nie jest zapisany w UTF-8 (bajt 0x${byte}) — ${SAVE_AS_UTF8}` } };
}

const SAVE_AS_UTF8 = 'zapisz go jako UTF-8 (w Notatniku: Plik → Zapisz jako…, Kodowanie: UTF-8)';

/** Where the first byte sequence that is not UTF-8 starts (-1: none). */
function firstNonUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const more = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (more === 0 || i + more >= b.length) return i;
    const c1 = b[i + 1]!;
    // No overlong forms, no surrogates, nothing past U+10FFFF.
    if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f) || (c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return i;
    for (let k = 1; k <= more; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    i += more + 1;
  }
  return -1;
}

// ---- the check, in steps ---------------------------------------------------

/** Work in steps: each `yield` is a place where the event loop may take its turn. */
type Steps<T> = Generator<void, T, void>;

function toTheEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

type Issue = { path: PropertyKey[]; message: string };

function* checking(rawText: string, kind?: ContentKind): Steps<CheckResult> {
  const text = rawText.replace(/^\uFEFF/, ''); // Notepad's byte-order mark
  const parsed = yield* parseJson(text);
  if (!parsed.ok) {
    const lines = yield* lineStarts(text);
    return { ok: false, problems: [{ ...position(lines, parsed.offset), path: parsed.path, message: parsed.message }], problemCount: 1 };
  }
  const json = parsed.value;
  const as = kind ?? (isGlossary(json) ? 'glossary' : 'directory');
  const verdict = as === 'glossary' ? yield* validate(GlossarySchema, glossaryCrossProblems, json) : yield* validate(DirectorySchema, directoryCrossProblems, json);
  if (verdict.ok) return as === 'glossary' ? { ok: true, kind: as, value: verdict.value as Glossary } : { ok: true, kind: as, value: verdict.value as Directory };
  const issues = earliest(verdict.issues);
  const offsets = yield* locate(text, issues.map((issue) => issue.path));
  const lines = yield* lineStarts(text);
  const problems = issues
    .map((issue, i) => ({ ...position(lines, offsets[i]!), path: issue.path.join('.') || '(całość)', message: issue.message }))
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .slice(0, CHECK_PROBLEMS_LISTED);
  return { ok: false, problems, problemCount: verdict.count };
}

function isGlossary(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'terms' in json;
}

// ---- the schema ------------------------------------------------------------

type Verdict = { ok: true; value: unknown } | { ok: false; issues: Issue[]; count: number };
type ObjectSchema = z.ZodObject<Record<string, z.ZodType>>;

/**
 * The schema's verdict on `json`. A big file is checked entry by entry, then
 * as a whole with its entries taken as checked, `crossProblems` — the
 * schema's own checks across entries, as plain code — run where the schema
 * would run them.
 */
function* validate<T>(schema: z.ZodType<T>, crossProblems: (value: T, report: CrossProblemSink) => void, json: unknown): Steps<Verdict> {
  const whole = schema as unknown as ObjectSchema;
  if (!isRecord(json) || (yield* countValues(json, WHOLE_CHECK_MAX_VALUES)) <= WHOLE_CHECK_MAX_VALUES) {
    const result = whole.safeParse(json, { error: polishIssueMessages });
    yield; // zod puts its issues together when they are first read: thousands take ~15 ms
    return verdictOf(result);
  }
  // Entry by entry: each top-level list's items on their own.
  const lists = Object.keys(whole.shape).filter((key) => whole.shape[key] instanceof z.ZodArray && Object.hasOwn(json, key) && Array.isArray(json[key]));
  const issues: Issue[] = [];
  let count = 0;
  let entriesFailed = false;
  const checked: Record<string, unknown[]> = {};
  for (const key of lists) {
    const element = (whole.shape[key] as z.ZodArray<z.ZodType>).element;
    const items = json[key] as unknown[];
    const values: unknown[] = new Array(items.length);
    // What the schema says of a number, a string…: the same each time (a list of 500,000 ones is checked once).
    const ofPlain = new Map<unknown, z.ZodSafeParseResult<unknown>>();
    let kept = 0;
    for (let i = 0; i < items.length; i++) {
      yield;
      const item = items[i];
      const plain = typeof item !== 'object' || item === null;
      let found: Issue[];
      if (!plain && (yield* countValues(item, ENTRY_MAX_VALUES)) > ENTRY_MAX_VALUES) {
        found = [{ path: [key, i], message: `pozycja jest zbyt rozbudowana (ponad ${ENTRY_MAX_VALUES} wartości) — czy nie wklejono tu czegoś przez pomyłkę?` }];
      } else {
        let result = plain ? ofPlain.get(item) : undefined;
        if (!result) {
          result = element.safeParse(item, { error: polishIssueMessages });
          if (plain) ofPlain.set(item, result);
        }
        if (result.success) {
          values[i] = result.data;
          continue;
        }
        found = result.error.issues.map((issue) => ({ path: [key, i, ...issue.path], message: issue.message }));
      }
      entriesFailed = true;
      count += found.length;
      // The first problems in the file are in the first entries: more are counted, not kept.
      if (kept < CHECK_PROBLEMS_LISTED) {
        issues.push(...found);
        kept += found.length;
      }
    }
    checked[key] = values;
  }
  yield;
  // Then the whole, its lists taken as they are: the fields beside them, the lists' own rules
  // (at least one entry) and — when every entry is right, and where zod would run the schema's
  // own checks (a field of the wrong type stops them, a number out of range does not) — the
  // checks across entries, on the entries as checked, kept as plain problems.
  const input = entriesFailed ? json : { ...fieldsOf(whole, json), ...checked };
  const across: Issue[] = [];
  acrossEntries = entriesFailed ? null : (value) => crossProblems(value as T, (path, message) => across.push({ path, message }));
  let result: z.ZodSafeParseResult<unknown>;
  try {
    result = withEntriesChecked(whole, lists).safeParse(input, { error: polishIssueMessages });
  } finally {
    acrossEntries = null;
  }
  yield;
  if (result.success && across.length === 0 && !entriesFailed) return { ok: true, value: result.data };
  const more = [...issuesOf(result), ...across];
  return { ok: false, issues: [...issues, ...more], count: count + more.length };
}

function verdictOf(result: z.ZodSafeParseResult<unknown>): Verdict {
  if (result.success) return { ok: true, value: result.data };
  const issues = issuesOf(result);
  return { ok: false, issues, count: issues.length };
}

const issuesOf = (result: z.ZodSafeParseResult<unknown>): Issue[] => (result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path, message: issue.message })));

const derived = new WeakMap<object, Map<string, ObjectSchema>>();

/** Where the checks across entries of the parse under way go (see validate): the parse is synchronous, so one at a time. */
let acrossEntries: ((value: unknown) => void) | null = null;

/**
 * The schema with the items of `lists` taken as they come (they were
 * checked one by one), and its own checks across entries replaced by one
 * that hands the value to `acrossEntries`: zod runs it exactly when it
 * would have run them.
 */
function withEntriesChecked(schema: ObjectSchema, lists: string[]): ObjectSchema {
  const key = lists.join(',');
  let forSchema = derived.get(schema);
  if (!forSchema) derived.set(schema, (forSchema = new Map()));
  let found = forSchema.get(key);
  if (!found) {
    const shape: Record<string, z.ZodType> = { ...schema.shape };
    for (const list of lists) {
      const array = shape[list] as z.ZodArray<z.ZodType>;
      shape[list] = array.clone({ ...array._zod.def, element: z.any() });
    }
    const def = schema._zod.def;
    found = schema.clone({ ...def, shape, checks: [] }).superRefine((value) => acrossEntries?.(value)) as unknown as ObjectSchema;
    forSchema.set(key, found);
  }
  return found;
}

/** The fields the schema reads (it drops the others): a copy of an object of 100,000 fields would hold the event loop ~60 ms. */
function fieldsOf(schema: ObjectSchema, json: Record<string, unknown>): Record<string, unknown> {
  if (schema._zod.def.catchall) return { ...json }; // a schema that looks at the other fields too
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape)) if (Object.hasOwn(json, key)) fields[key] = json[key];
  return fields;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How many values `root` holds, itself included, counted up to `cap` and one more. No recursion: depth costs nothing. */
function* countValues(root: unknown, cap: number): Steps<number> {
  let count = 0;
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    count++;
    if ((count & 4095) === 0) yield;
    if (Array.isArray(value)) {
      if (count + pending.length + value.length > cap) return cap + 1;
      for (const item of value) pending.push(item);
    } else if (typeof value === 'object' && value !== null) {
      for (const key in value) {
        if (count + pending.length >= cap) return cap + 1;
        pending.push((value as Record<string, unknown>)[key]);
      }
    }
    if (count > cap) return count;
  }
  return count;
}

/**
 * The issues that may be among the first listed. An issue inside the i-th
 * entry of a top-level list lies within that entry's text, after the text
 * of entries 0…i-1: per list, the entries of lowest index hold the first
 * problems. Kept: the rest whole, and per list entries until enough issues.
 * In their original order, which decides between problems at one place.
 */
function earliest(issues: Issue[]): Issue[] {
  const inLists = new Map<PropertyKey, Issue[]>();
  const kept = new Set<Issue>();
  for (const issue of issues) {
    if (issue.path.length >= 2 && typeof issue.path[1] === 'number') {
      const list = inLists.get(issue.path[0]!);
      if (list) list.push(issue);
      else inLists.set(issue.path[0]!, [issue]);
    } else kept.add(issue);
  }
  for (const list of inLists.values()) {
    list.sort((a, b) => (a.path[1] as number) - (b.path[1] as number));
    for (let i = 0; i < list.length; i++) {
      if (i >= CHECK_PROBLEMS_LISTED && list[i]!.path[1] !== list[i - 1]!.path[1]) break;
      kept.add(list[i]!);
    }
  }
  return kept.size === issues.length ? issues : issues.filter((issue) => kept.has(issue));
}

// ---- the text, token by token --------------------------------------------

const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const COMMA = 5;
const COLON = 6;
const STRING = 7;
const NUMBER = 8;
const TRUE = 9;
const FALSE = 10;
const NULL = 11;
const EOF = 12;

const SYNTAX = 'błąd składni JSON: ';
const EMPTY = 'plik jest pusty';

/** Where the text stops being JSON, and why. */
class NotJson {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

const NUMBER_SHAPE = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/**
 * JSON's tokens, one at a time, each in time proportional to its length
 * (a string is not decoded here: 1 MB of escapes is a few milliseconds to
 * pass over). Throws {@link NotJson} where the text is not JSON.
 */
class Tokens {
  /** Where the current token starts, and the offset after it. */
  start = 0;
  end = 0;
  /** The current string token has a backslash in it. */
  private escaped = false;

  constructor(private readonly text: string) {}

  next(): number {
    const text = this.text;
    let at = this.end;
    for (let c = text.charCodeAt(at); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++at));
    this.start = at;
    this.end = at + 1;
    if (at >= text.length) {
      this.end = at;
      return EOF;
    }
    switch (text.charCodeAt(at)) {
      case 0x7b:
        return OPEN_BRACE;
      case 0x7d:
        return CLOSE_BRACE;
      case 0x5b:
        return OPEN_BRACKET;
      case 0x5d:
        return CLOSE_BRACKET;
      case 0x2c:
        return COMMA;
      case 0x3a:
        return COLON;
      case 0x22:
        return this.string(at);
      case 0x2f:
        if (text[at + 1] === '/' || text[at + 1] === '*') throw new NotJson(at, `${SYNTAX}komentarze są w JSON niedozwolone`);
        return this.word(at);
      default: {
        const c = text.charCodeAt(at);
        return c === 0x2d || (c >= 0x30 && c <= 0x39) ? this.number(at) : this.word(at);
      }
    }
  }

  /** The current string token's value, as JSON.parse gives it. */
  stringValue(): string {
    return this.escaped ? (JSON.parse(this.text.slice(this.start, this.end)) as string) : this.text.slice(this.start + 1, this.end - 1);
  }

  /** The current token as written. */
  raw(): string {
    return this.text.slice(this.start, this.end);
  }

  private string(at: number): number {
    const text = this.text;
    let escaped = false;
    let i = at + 1;
    for (;;) {
      if (i >= text.length) throw new NotJson(at, `${SYNTAX}tekst w cudzysłowie nie ma cudzysłowu zamykającego`);
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c === 0x5c) {
        escaped = true;
        const e = text[i + 1];
        if (e === 'u') {
          if (!HEX4.test(text.slice(i + 2, i + 6))) throw new NotJson(i, `${SYNTAX}niepoprawny zapis \\u — po nim muszą być 4 cyfry szesnastkowe`);
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          throw new NotJson(i, `${SYNTAX}niedozwolone „\\${e ?? ''}” w tekście (można: \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)`);
        }
        continue;
      }
      if (c < 0x20) {
        if (c === 0x0a || c === 0x0d) throw new NotJson(at, `${SYNTAX}tekst w cudzysłowie nie ma cudzysłowu zamykającego w tym samym wierszu`);
        throw new NotJson(i, `${SYNTAX}${character(c)} w tekście w cudzysłowie — trzeba go zapisać jako \\u${c.toString(16).padStart(4, '0')}`);
      }
      i++;
    }
    this.end = i + 1;
    this.escaped = escaped;
    return STRING;
  }

  private number(at: number): number {
    NUMBER_SHAPE.lastIndex = at;
    const shape = NUMBER_SHAPE.exec(this.text);
    const end = at + (shape?.[0].length ?? 0);
    // "-", "01", "1.", "1e", "0x1F", "12abc": what a number starts is not one.
    if (!shape || /[0-9.eE+\-A-Za-z_]/.test(this.text[end] ?? '')) {
      throw new NotJson(at, `${SYNTAX}niepoprawna liczba „${clip(this.text.slice(at, this.wordEnd(at)))}”`);
    }
    this.end = end;
    return NUMBER;
  }

  private word(at: number): number {
    const end = this.wordEnd(at);
    const word = this.text.slice(at, end);
    if (word === 'true' || word === 'false' || word === 'null') {
      this.end = end;
      return word === 'true' ? TRUE : word === 'false' ? FALSE : NULL;
    }
    const hidden = INVISIBLE.exec(word);
    if (hidden) {
      // "true" and a non-breaking space: the space is what is wrong.
      const before = word.slice(0, hidden.index);
      if (hidden.index === 0 || before === 'true' || before === 'false' || before === 'null') {
        throw new NotJson(at + hidden.index, `${SYNTAX}nieoczekiwany znak ${character(word.charCodeAt(hidden.index))}`);
      }
      throw new NotJson(at, `${SYNTAX}nieoczekiwany tekst „${clip(before)}” (JSON zna tylko true, false, null, liczby i teksty w cudzysłowie)`);
    }
    throw new NotJson(at, `${SYNTAX}nieoczekiwany tekst „${clip(word)}” (JSON zna tylko true, false, null, liczby i teksty w cudzysłowie)`);
  }

  /** Up to the next white space, bracket, colon, comma or quote. */
  private wordEnd(at: number): number {
    let i = at;
    for (let c = this.text.charCodeAt(i); i < this.text.length && !(c < 0x80 && WORD_ENDS[c]); c = this.text.charCodeAt(++i));
    return Math.max(i, at + 1);
  }
}

const WORD_ENDS = new Uint8Array(0x80);
for (const c of ' \t\n\r{}[]:,"') WORD_ENDS[c.charCodeAt(0)] = 1;

const clip = (text: string) => (text.length > 30 ? `${text.slice(0, 30)}…` : text);

type Parsed = { ok: true; value: unknown } | { ok: false; offset: number; message: string; path: '(JSON)' | '(całość)' };

/**
 * Brackets nested deeper than this are not read into values (a directory
 * has four levels; 1 MB of `[` would be a million lists to build and
 * collect): the text is still checked to its end, then refused as such.
 */
const MAX_NESTING = 100;

/**
 * The text's value, as JSON.parse would give it, or the first place it is
 * not JSON. Token by token, a stack of the open objects and lists in place
 * of recursion.
 */
function* parseJson(text: string): Steps<Parsed> {
  const tokens = new Tokens(text);
  const lists: boolean[] = []; // per open bracket: a list, or an object
  const open: (unknown[] | Record<string, unknown>)[] = []; // the values of the first MAX_NESTING of them
  const keys: string[] = []; // per open object among them, the field being read
  let tooDeep = -1;
  const fail = (message: string, offset = tokens.start) => {
    throw new NotJson(offset, SYNTAX + message);
  };
  const closing = (list: boolean) => `plik kończy się przed zamknięciem ${list ? 'listy „]”' : 'obiektu „}”'}`;
  /** From a field's name (the token `t`) to the token where its value starts. */
  const field = (t: number): number => {
    if (t === EOF) fail(closing(false));
    if (t !== STRING) fail(`oczekiwano nazwy pola w cudzysłowie, a jest ${what(t, tokens)}`);
    if (lists.length <= MAX_NESTING) keys[keys.length - 1] = tokens.stringValue();
    const colon = tokens.next();
    if (colon !== COLON) fail(`oczekiwano dwukropka „:” po nazwie pola, a jest ${what(colon, tokens)}`);
    return tokens.next();
  };
  let n = 0;
  try {
    let t = tokens.next();
    if (t === EOF) throw new NotJson(0, EMPTY);
    for (;;) {
      if ((++n & 1023) === 0) yield;
      // `t` is where a value starts.
      let value: unknown;
      switch (t) {
        case OPEN_BRACE:
        case OPEN_BRACKET: {
          const list = t === OPEN_BRACKET;
          const at = tokens.start;
          t = tokens.next();
          if (t === (list ? CLOSE_BRACKET : CLOSE_BRACE)) {
            if (lists.length >= MAX_NESTING && tooDeep < 0) tooDeep = at;
            value = list ? [] : {};
            break;
          }
          lists.push(list);
          if (lists.length <= MAX_NESTING) {
            open.push(list ? [] : {});
            keys.push('');
          } else if (tooDeep < 0) tooDeep = at;
          if (!list) t = field(t);
          continue;
        }
        case STRING:
          value = tokens.stringValue();
          break;
        case NUMBER:
          value = Number(tokens.raw());
          break;
        case TRUE:
        case FALSE:
        case NULL:
          value = t === TRUE ? true : t === FALSE ? false : null;
          break;
        case EOF:
          throw new NotJson(tokens.start, SYNTAX + closing(lists[lists.length - 1]!));
        default:
          fail(`oczekiwano wartości, a jest ${what(t, tokens)}`);
      }
      // A value ended: into its list or object; then close what ends with it, up to a comma.
      for (;;) {
        const depth = lists.length;
        if (depth === 0) {
          const after = tokens.next();
          if (after !== EOF) fail(`po zakończeniu danych jest jeszcze ${what(after, tokens)}`);
          if (tooDeep >= 0) return { ok: false, offset: tooDeep, path: '(całość)', message: `nawiasy są zagnieżdżone głębiej niż ${MAX_NESTING} poziomów — katalog i słowniczek mają ich kilka` };
          return { ok: true, value };
        }
        const list = lists[depth - 1]!;
        if (depth <= MAX_NESTING) {
          const top = open[depth - 1]!;
          if (Array.isArray(top)) top.push(value);
          else setField(top, keys[keys.length - 1]!, value);
        }
        t = tokens.next();
        if (t === COMMA) {
          t = tokens.next();
          if (t === (list ? CLOSE_BRACKET : CLOSE_BRACE)) fail(`zbędny przecinek przed „${list ? ']' : '}'}”`);
          if (!list) t = field(t);
          break;
        }
        if (t !== (list ? CLOSE_BRACKET : CLOSE_BRACE)) {
          if (t === EOF) fail(closing(list));
          fail(`oczekiwano przecinka „,” albo „${list ? ']' : '}'}”, a jest ${what(t, tokens)}`);
        }
        lists.pop();
        if (depth <= MAX_NESTING) {
          value = open.pop();
          keys.pop();
        }
      }
    }
  } catch (error) {
    if (error instanceof NotJson) return { ok: false, offset: error.offset, message: error.message, path: '(JSON)' };
    throw error;
  }
}

/** As JSON.parse sets a field: a repeated one keeps its place and takes the last value; "__proto__" is a field like any other. */
function setField(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}

function what(t: number, tokens: Tokens): string {
  switch (t) {
    case EOF:
      return 'koniec pliku';
    case STRING:
      return 'tekst w cudzysłowie';
    case NUMBER:
      return 'liczba';
    default:
      return `„${tokens.raw()}”`;
  }
}

/** Characters one does not see: named by their code, not printed. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u00a0\u00ad\u2000-\u200f\u2028-\u202f\u205f-\u206f\ufeff\ufff0-\uffff]/;

function character(c: number): string {
  const code = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  if (c === 0) return `${code} (bajt zerowy — czy plik nie jest zapisany w UTF-16? ${SAVE_AS_UTF8})`;
  if (c === 0xa0) return `${code} (twarda spacja)`;
  if (c === 0xfeff) return `${code} (znacznik BOM w środku pliku)`;
  if (c === 0x09) return `${code} (tabulator)`;
  return `${code} (znak niewidoczny)`;
}

// ---- places in the text ----------------------------------------------------

interface Place {
  children: Map<string, Place> | null;
  offset: number;
  /** When the offset was taken: a place taken before its parent's (under the first of a key written twice) is out of date. */
  stamp: number;
}

/**
 * Where each path is in the (valid) text: the key of an object's field, the
 * start of a list's item, or — for a missing field — its nearest existing
 * parent. Of a key written twice, the last counts, as for JSON.parse. One
 * scan, with the paths in a tree; what holds none of them is passed over.
 */
function* locate(text: string, paths: PropertyKey[][]): Steps<number[]> {
  const root: Place = { children: null, offset: 0, stamp: 0 };
  for (const path of paths) {
    let node = root;
    for (const step of path) {
      node.children ??= new Map();
      let child = node.children.get(String(step));
      if (!child) node.children.set(String(step), (child = { children: null, offset: -1, stamp: 0 }));
      node = child;
    }
  }
  const tokens = new Tokens(text);
  type Frame = { list: boolean; place: Place; index: number; expectKey: boolean; field: Place | null };
  const frames: Frame[] = [];
  let skipping = 0; // how deep inside a list or object that holds no path
  let clock = 0;
  let n = 0;
  for (let t = tokens.next(); t !== EOF; t = tokens.next()) {
    if ((++n & 1023) === 0) yield;
    if (skipping > 0) {
      if (t === OPEN_BRACE || t === OPEN_BRACKET) skipping++;
      else if (t === CLOSE_BRACE || t === CLOSE_BRACKET) skipping--;
      continue;
    }
    const top = frames[frames.length - 1];
    if (t === COMMA) {
      if (top && !top.list) top.expectKey = true;
      continue;
    }
    if (t === COLON) continue;
    if (t === CLOSE_BRACE || t === CLOSE_BRACKET) {
      frames.pop();
      continue;
    }
    if (top && !top.list && top.expectKey) {
      top.expectKey = false;
      top.field = top.place.children?.get(tokens.stringValue()) ?? null;
      if (top.field) {
        top.field.offset = tokens.start;
        top.field.stamp = ++clock;
      }
      continue;
    }
    // A value starts.
    let place: Place | null;
    if (!top) place = root;
    else if (!top.list) place = top.field;
    else place = top.place.children?.get(String(top.index++)) ?? null;
    if (place && (!top || top.list)) {
      place.offset = tokens.start;
      place.stamp = ++clock;
    }
    if (t === OPEN_BRACE || t === OPEN_BRACKET) {
      if (place?.children) frames.push({ list: t === OPEN_BRACKET, place, index: 0, expectKey: t === OPEN_BRACE, field: null });
      else skipping = 1;
    }
  }
  return paths.map((path) => {
    let node = root;
    let offset = root.offset;
    for (const step of path) {
      const child = node.children?.get(String(step));
      if (!child || child.offset < 0 || child.stamp <= node.stamp) break;
      offset = child.offset;
      node = child;
    }
    return offset;
  });
}

/** The offset where each line starts, built once. */
function* lineStarts(text: string): Steps<number[]> {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    starts.push(at + 1);
    if ((starts.length & 16383) === 0) yield;
  }
  return starts;
}

/** Line and column (from 1) of an offset, the line found by halving. */
function position(starts: number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - starts[low]! + 1 };
}
