import { isUtf8 } from 'node:buffer';
import { createScanner, type JSONScanner } from 'jsonc-parser';
import { z } from 'zod';
import { polishIssueMessages } from '../../shared/api';
import { DirectorySchema, GlossarySchema, type Directory, type Glossary } from '../../shared/directory';

/**
 * Checking a directory or glossary file an office edits, with each problem
 * placed at a line and column of the text — so the command-line check, the
 * settings screen and a start-up notice all point at the same spot.
 *
 * The file may be anything up to the read limit (2 MB): thousands of
 * problems, nesting 100,000 deep, one huge line. So the work is done in
 * steps that {@link checkContentAsync} spreads over the event loop — never
 * more than a few milliseconds at a time, the app's calls and saving go on
 * meanwhile — and each step's cost is bounded:
 *
 * - the syntax: JSON.parse (native, ~10 ms for 2 MB); only when it refuses,
 *   a scan for the first error (token by token, no recursion: nesting depth
 *   costs nothing);
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
export const ENTRY_MAX_VALUES = 2_000;

/** The longest stretch {@link checkContentAsync} works before letting the event loop run. */
const SLICE_MS = 8;

/** Checks a file's text in one go; without `kind`, a file with `terms` is taken for a glossary. For the command line and tests: the app uses {@link checkContentAsync}. */
export function checkContent(rawText: string, kind?: ContentKind): CheckResult {
  const steps = checking(rawText, kind);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
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
  let line = 1;
  let lineStart = 0;
  for (let nl = buffer.indexOf(0x0a); nl !== -1 && nl < at; nl = buffer.indexOf(0x0a, nl + 1)) {
    line++;
    lineStart = nl + 1;
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
type Issue = { path: PropertyKey[]; message: string };

function* checking(rawText: string, kind?: ContentKind): Steps<CheckResult> {
  const text = rawText.replace(/^\uFEFF/, ''); // Notepad's byte-order mark
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const problem = yield* syntaxProblem(text, error as Error);
    return { ok: false, problems: [problem], problemCount: 1 };
  }
  yield;
  const as = kind ?? (isGlossary(json) ? 'glossary' : 'directory');
  const verdict = yield* validate(as === 'glossary' ? GlossarySchema : DirectorySchema, json);
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

function* validate(schema: typeof DirectorySchema | typeof GlossarySchema, json: unknown): Steps<Verdict> {
  const whole = schema as unknown as ObjectSchema;
  if (!isRecord(json) || (yield* countValues(json, WHOLE_CHECK_MAX_VALUES)) <= WHOLE_CHECK_MAX_VALUES) {
    return verdictOf(whole.safeParse(json, { error: polishIssueMessages }));
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
    let kept = 0;
    for (let i = 0; i < items.length; i++) {
      yield;
      let found: Issue[];
      if ((yield* countValues(items[i], ENTRY_MAX_VALUES)) > ENTRY_MAX_VALUES) {
        found = [{ path: [key, i], message: `pozycja jest zbyt rozbudowana (ponad ${ENTRY_MAX_VALUES} wartości) — czy nie wklejono tu czegoś przez pomyłkę?` }];
      } else {
        const result = element.safeParse(items[i], { error: polishIssueMessages });
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
  // Then the whole, its lists taken as they are: the fields beside them, the lists' own
  // rules (at least one entry) and — when every entry is right, as the schema does — the
  // cross-checks, on the entries as checked.
  const input = entriesFailed ? json : { ...json, ...checked };
  const result = withEntriesChecked(whole, lists, !entriesFailed).safeParse(input, { error: polishIssueMessages });
  if (result.success && !entriesFailed) return { ok: true, value: result.data };
  const more = issuesOf(result);
  return { ok: false, issues: [...issues, ...more], count: count + more.length };
}

function verdictOf(result: z.ZodSafeParseResult<unknown>): Verdict {
  if (result.success) return { ok: true, value: result.data };
  const issues = issuesOf(result);
  return { ok: false, issues, count: issues.length };
}

const issuesOf = (result: z.ZodSafeParseResult<unknown>): Issue[] => (result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path, message: issue.message })));

const derived = new WeakMap<object, Map<string, ObjectSchema>>();

/** The schema with the items of `lists` taken as they come (they were checked one by one); with or without its own checks across the lists. */
function withEntriesChecked(schema: ObjectSchema, lists: string[], crossChecks: boolean): ObjectSchema {
  const key = `${crossChecks}:${lists.join(',')}`;
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
    found = schema.clone({ ...def, shape, checks: crossChecks ? def.checks : [] });
    forSchema.set(key, found);
  }
  return found;
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

// ---- places in the text ----------------------------------------------------

// jsonc-parser's SyntaxKind (a const enum, which isolated modules cannot import).
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const COMMA = 5;
const COLON = 6;
const NULL = 7;
const TRUE = 8;
const FALSE = 9;
const STRING = 10;
const NUMBER = 11;
const LINE_COMMENT = 12;
const BLOCK_COMMENT = 13;
const LINE_BREAK = 14;
const TRIVIA = 15;
const UNKNOWN = 16;
const EOF = 17;
// …and its ScanError.
const END_OF_STRING = 2;
const END_OF_NUMBER = 3;

/** jsonc-parser's scanner, with JSON's white space skipped here: the scanner builds a long run of it one character at a time (2 MB of spaces: 150 ms). */
function tokenizer(text: string): { scanner: JSONScanner; next(): number } {
  const scanner = createScanner(text, false);
  return {
    scanner,
    next() {
      let at = scanner.getPosition();
      for (let c = text.charCodeAt(at); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++at));
      scanner.setPosition(at);
      return scanner.scan();
    },
  };
}

interface Place {
  children: Map<string, Place> | null;
  offset: number;
  /** When the offset was taken: a place taken before its parent's (a repeated key, the first of two) is out of date. */
  stamp: number;
}

/**
 * Where each path is in the (valid) text: the key of an object's field, the
 * start of a list's item, or — for a missing field — its nearest existing
 * parent. Of a key written twice, the last counts, as for JSON.parse. One
 * scan, with the paths in a tree.
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
  const tokens = tokenizer(text);
  type Frame = { list: boolean; place: Place | null; index: number; expectKey: boolean; field: Place | null };
  const frames: Frame[] = [];
  let clock = 0;
  let n = 0;
  for (let t = tokens.next(); t !== EOF; t = tokens.next()) {
    if ((++n & 1023) === 0) yield;
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
      top.field = top.place?.children?.get(tokens.scanner.getTokenValue()) ?? null;
      if (top.field) {
        top.field.offset = tokens.scanner.getTokenOffset();
        top.field.stamp = ++clock;
      }
      continue;
    }
    let place: Place | null = null;
    if (!top) place = root;
    else if (!top.list) place = top.field;
    else if (top.place?.children) place = top.place.children.get(String(top.index)) ?? null;
    if (top?.list) top.index++;
    if (place && (!top || top.list)) {
      place.offset = tokens.scanner.getTokenOffset();
      place.stamp = ++clock;
    }
    if (t === OPEN_BRACE) frames.push({ list: false, place, index: 0, expectKey: true, field: null });
    else if (t === OPEN_BRACKET) frames.push({ list: true, place, index: 0, expectKey: false, field: null });
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
    if ((starts.length & 65535) === 0) yield;
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

// ---- syntax ----------------------------------------------------------------

const SYNTAX = 'błąd składni JSON: ';

class SyntaxFound {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

function* syntaxProblem(text: string, refusal: Error): Steps<CheckProblem> {
  const found = yield* firstSyntaxError(text);
  const lines = yield* lineStarts(text);
  if (found) return { ...position(lines, found.offset), path: '(JSON)', message: found.message };
  // JSON.parse refused what the scan takes (it should not happen): its own words, where it says.
  const at = Math.min(Number(/position (\d+)/.exec(refusal.message)?.[1] ?? 0), text.length);
  return { ...position(lines, at), path: '(JSON)', message: `${SYNTAX}${refusal.message}` };
}

/** The first place the text is not JSON, and why in Polish; null when it is. Token by token, with a stack of open brackets instead of recursion. */
function* firstSyntaxError(text: string): Steps<SyntaxFound | null> {
  const { scanner, next: scan } = tokenizer(text);
  const fail = (message: string, offset = scanner.getTokenOffset()) => {
    throw new SyntaxFound(offset, message === EMPTY ? message : SYNTAX + message);
  };
  /** The next token, refused unless JSON has it. */
  const next = (): number => {
    const t = scan();
    if (t === LINE_COMMENT || t === BLOCK_COMMENT) fail('komentarze są w JSON niedozwolone');
    if (t === STRING) {
      const wrong = stringProblem(text, scanner.getTokenOffset(), scanner.getTokenOffset() + scanner.getTokenLength(), scanner.getTokenError() === END_OF_STRING);
      if (wrong) fail(wrong.message, wrong.offset);
    }
    if (t === NUMBER && scanner.getTokenError() === END_OF_NUMBER) fail('niedokończona liczba');
    if (t === UNKNOWN || t === LINE_BREAK || t === TRIVIA) fail(`nieoczekiwany ${unexpected(scanner.getTokenValue())}`);
    return t;
  };
  const stack: boolean[] = []; // per open bracket: a list (true) or an object
  const closing = (list: boolean) => (list ? 'listy „]”' : 'obiektu „}”');
  /** From a field's name (the token `t`) to the token where its value starts. */
  const field = (t: number): number => {
    if (t === EOF) fail(`plik kończy się przed zamknięciem ${closing(false)}`);
    if (t !== STRING) fail(`oczekiwano nazwy pola w cudzysłowie, a jest ${what(t, scanner)}`);
    const colon = next();
    if (colon !== COLON) fail(`oczekiwano dwukropka „:” po nazwie pola, a jest ${what(colon, scanner)}`);
    return next();
  };
  let n = 0;
  try {
    let t = next();
    if (t === EOF) fail(EMPTY, 0);
    for (;;) {
      if ((++n & 1023) === 0) yield;
      // `t` is where a value starts.
      if (t === OPEN_BRACE || t === OPEN_BRACKET) {
        const list = t === OPEN_BRACKET;
        t = next();
        if (t !== (list ? CLOSE_BRACKET : CLOSE_BRACE)) {
          stack.push(list);
          if (!list) t = field(t);
          continue;
        }
      } else if (t === EOF) {
        fail(`plik kończy się przed zamknięciem ${closing(stack[stack.length - 1]!)}`);
      } else if (t !== STRING && t !== NUMBER && t !== TRUE && t !== FALSE && t !== NULL) {
        fail(`oczekiwano wartości, a jest ${what(t, scanner)}`);
      }
      // A value ended: close what ends with it, up to a comma.
      for (;;) {
        t = next();
        if (stack.length === 0) {
          if (t !== EOF) fail(`po zakończeniu danych jest jeszcze ${what(t, scanner)}`);
          return null;
        }
        const list = stack[stack.length - 1]!;
        if (t === COMMA) {
          t = next();
          if (t === (list ? CLOSE_BRACKET : CLOSE_BRACE)) fail(`zbędny przecinek przed „${list ? ']' : '}'}”`);
          if (!list) t = field(t);
          break;
        }
        if (t === (list ? CLOSE_BRACKET : CLOSE_BRACE)) {
          stack.pop();
          continue;
        }
        if (t === EOF) fail(`plik kończy się przed zamknięciem ${closing(list)}`);
        fail(`oczekiwano przecinka „,” albo „${list ? ']' : '}'}”, a jest ${what(t, scanner)}`);
      }
    }
  } catch (error) {
    if (error instanceof SyntaxFound) return error;
    throw error;
  }
}

const EMPTY = 'plik jest pusty';

/** What is wrong inside a string token (from its opening quote to `end`), and where; null when nothing. */
function stringProblem(text: string, start: number, end: number, unterminated: boolean): { offset: number; message: string } | null {
  for (let at = start + 1; at < end; at++) {
    const c = text.charCodeAt(at);
    if (c === 0x5c) {
      const e = text[at + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) return { offset: at, message: 'niepoprawny zapis \\u — po nim muszą być 4 cyfry szesnastkowe' };
        at += 5;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) at++;
      else if (at + 1 < end) return { offset: at, message: `niedozwolone „\\${e}” w tekście (można: \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)` };
    } else if (c < 0x20 && c !== 0x0a && c !== 0x0d) {
      return { offset: at, message: `${character(c)} w tekście w cudzysłowie — trzeba go zapisać jako \\u${c.toString(16).padStart(4, '0')}` };
    }
  }
  return unterminated ? { offset: start, message: 'tekst w cudzysłowie nie ma zamykającego cudzysłowu w tym samym wierszu' } : null;
}

function what(t: number, scanner: JSONScanner): string {
  switch (t) {
    case EOF:
      return 'koniec pliku';
    case OPEN_BRACE:
      return '„{”';
    case CLOSE_BRACE:
      return '„}”';
    case OPEN_BRACKET:
      return '„[”';
    case CLOSE_BRACKET:
      return '„]”';
    case COMMA:
      return '„,”';
    case COLON:
      return '„:”';
    case STRING:
      return 'tekst w cudzysłowie';
    case NUMBER:
      return 'liczba';
    default:
      return `„${scanner.getTokenValue()}”`;
  }
}

/** Characters one does not see: named by their code, not printed. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u00a0\u00ad\u2000-\u200f\u2028-\u202f\u205f-\u206f\ufeff\ufff0-\uffff]/;

function unexpected(value: string): string {
  const hidden = INVISIBLE.exec(value);
  if (hidden?.index === 0) return `znak ${character(value.charCodeAt(0))}`;
  const shown = value.slice(0, hidden?.index ?? 30);
  return `tekst „${shown}${shown.length < value.length ? '…' : ''}” (JSON zna tylko true, false, null, liczby i teksty w cudzysłowie)`;
}

function character(c: number): string {
  const code = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  if (c === 0) return `${code} (bajt zerowy — czy plik nie jest zapisany w UTF-16? ${SAVE_AS_UTF8})`;
  if (c === 0xa0) return `${code} (twarda spacja)`;
  if (c === 0xfeff) return `${code} (znacznik BOM w środku pliku)`;
  if (c === 0x09) return `${code} (tabulator)`;
  return `${code} (znak niewidoczny)`;
}
