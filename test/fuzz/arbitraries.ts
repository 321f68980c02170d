/**
 * What the fuzz tests feed the parsers: arbitrary text and bytes, and valid
 * files broken the ways files break — a key dropped, a value of the wrong
 * type, a cut-off end, garbage pasted in. Mutations are data (an index into
 * the document's paths and what to do there), so fast-check can shrink a
 * failure to the one change that causes it and print it.
 */
import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonPath = (string | number)[];

/**
 * fast-check's parameters for one property. FUZZ_SCALE multiplies the runs
 * (a long run overnight); FUZZ_SEED replays the seed a failure printed.
 */
export function fuzzRuns(numRuns: number): { numRuns: number; seed?: number } {
  const scale = Number(process.env.FUZZ_SCALE ?? 1);
  const seed = process.env.FUZZ_SEED;
  return { numRuns: Math.max(1, Math.round(numRuns * scale)), ...(seed ? { seed: Number(seed) } : {}) };
}

// ---- text and bytes --------------------------------------------------------

/** Characters that trip JSON and JSONC parsers apart: odd white space, a BOM, separators, escapes, comments. */
const TRICKY = [
  ',', '}', '{', '[', ']', '"', ':', '\\', '\u0000', '\u0007', '\t', '\r', '\n', '\r\n', '\uFEFF', '\u00A0', '\u000B', '\u000C',
  '\u2028', '\u2029', '\u200B', '\uD800', '\uDFFF', '//', '/*', '*/', 'NaN', 'Infinity', '-0', '1e999', '0x1F', '01', 'true', 'null',
  '"\\ud800"', '"\\u0000"', '"\\x41"', '__proto__', 'constructor', '{"toString":1}',
];

/** A short piece of text to paste into a file: anything, or one of the tricky characters. */
export const garbage: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);

/** Any text at all: printable, any code point (lone surrogates too), graphemes, or JSON of any shape. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.array(garbage, { maxLength: 30 }).map((parts) => parts.join('')),
  fc.json({ maxDepth: 4 }),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value, null, 2)),
);

/**
 * JSON objects whose keys shadow Object.prototype ("toString": 1 makes
 * String(value) throw), where code turns a parsed value into text.
 */
export const shadowingObject: fc.Arbitrary<Json> = fc.dictionary(
  fc.constantFrom('toString', 'valueOf', '__proto__', 'constructor', 'hasOwnProperty', 'toJSON'),
  fc.oneof(fc.constantFrom<Json>(null, 1, 'x', [], {}), fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json>),
  { minKeys: 1, maxKeys: 3 },
);

/** A line shaped like a journal or export line's head, each field anything — a string, a number, an object that shadows. */
export const headLikeLine: fc.Arbitrary<string> = fc
  .record(
    {
      schemaVersion: fc.oneof(fc.constantFrom<Json>(1, 2, '1', null), shadowingObject),
      type: fc.oneof(fc.constantFrom<Json>('call', 'shift', 'retention', '', null, 7), shadowingObject),
      id: fc.oneof(fc.string({ maxLength: 40 }), fc.uuid(), shadowingObject),
      prevHash: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), shadowingObject),
    },
    { requiredKeys: [] },
  )
  .map((head) => JSON.stringify(head));

/** Any bytes, as a file that is not valid UTF-8 would hold them. */
export const anyBytes: fc.Arbitrary<Uint8Array> = fc.uint8Array({ maxLength: 400 });

export type TextMutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'replace'; at: number; text: string }
  | { kind: 'repeat'; at: number; length: number };

export const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: garbage }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: garbage }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
);

export function applyTextMutation(text: string, m: TextMutation): string {
  const at = m.at % (text.length + 1);
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, at);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'replace':
      return text.slice(0, at) + m.text + text.slice(at + m.text.length);
    case 'repeat':
      return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
  }
}

/** A text broken by one to three edits. */
export function mutatedText(text: string): fc.Arbitrary<string> {
  return fc.array(textMutation, { minLength: 1, maxLength: 3 }).map((ms) => ms.reduce(applyTextMutation, text));
}

// ---- JSON documents --------------------------------------------------------

/** Every path in a document, the root (`[]`) first. */
export function pathsOf(value: Json, prefix: JsonPath = []): JsonPath[] {
  const paths: JsonPath[] = [prefix];
  if (Array.isArray(value)) value.forEach((item, i) => paths.push(...pathsOf(item, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
  return paths;
}

export function getAt(value: Json, path: JsonPath): Json | undefined {
  let node: Json | undefined = value;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? node[key as number] : Object.hasOwn(node, key) ? node[key as string] : undefined;
  }
  return node;
}

export type JsonMutation =
  | { kind: 'delete'; at: number }
  | { kind: 'replace'; at: number; value: Json }
  | { kind: 'wrong-type'; at: number; pick: number }
  | { kind: 'emptied'; at: number }
  | { kind: 'add-key'; at: number; key: string; value: Json }
  | { kind: 'duplicate'; at: number }
  | { kind: 'same-type'; at: number; text: string; number: number; flag: boolean };

const jsonLeaf: fc.Arbitrary<Json> = fc.oneof(fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, 1e300, '', ' ', 'x'.repeat(500)), fc.string({ maxLength: 20 }), fc.integer());

/** Another value of the same type: often still valid, and then odd — the values a schema lets through to the code behind it. */
function sameTypeMutationOf(): fc.Arbitrary<Extract<JsonMutation, { kind: 'same-type' }>> {
  return fc.record({
    kind: fc.constant('same-type' as const),
    at: fc.nat(),
    text: fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('', ' ', '\u0000', '9999-12-31', '0000-01-01', '2026-02-30', '*', 'a'.repeat(1_100))),
    number: fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.constantFrom(0, -1, 1, 0.5, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 253_402_300_799_000, 8.64e15, 1e21)),
    flag: fc.boolean(),
  });
}
export const sameTypeMutation = sameTypeMutationOf();

export const jsonMutation: fc.Arbitrary<JsonMutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: fc.oneof(jsonLeaf, fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>) }),
  fc.record({ kind: fc.constant('wrong-type' as const), at: fc.nat(), pick: fc.nat() }),
  fc.record({ kind: fc.constant('emptied' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('add-key' as const), at: fc.nat(), key: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'toString', 'id', 'version')), value: jsonLeaf }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  sameTypeMutationOf(),
);

/** A value of another JSON type than `value` (so a schema that wants `value`'s type must refuse it). */
export function otherType(value: Json, pick: number): Json {
  const all: Json[] = ['1', 1, true, null, [], {}];
  const kind = (v: Json) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  const others = all.filter((v) => kind(v) !== kind(value));
  return others[pick % others.length]!;
}

/** Applies one mutation to a copy; returns the new document and the path it touched. */
export function applyJsonMutation(doc: Json, m: JsonMutation): { doc: Json; path: JsonPath } {
  const paths = pathsOf(doc);
  const path = paths[m.at % paths.length]!;
  const copy = structuredClone(doc);
  const current = getAt(copy, path)!;
  const replace = (next: Json): Json => {
    if (path.length === 0) return next;
    const parent = getAt(copy, path.slice(0, -1)) as Json[] | Record<string, Json>;
    (parent as Record<string | number, Json>)[path.at(-1)!] = next;
    return copy;
  };
  switch (m.kind) {
    case 'delete': {
      if (path.length === 0) return { doc: null, path };
      const parent = getAt(copy, path.slice(0, -1)) as Json[] | Record<string, Json>;
      if (Array.isArray(parent)) parent.splice(path.at(-1) as number, 1);
      else delete parent[path.at(-1) as string];
      return { doc: copy, path };
    }
    case 'replace':
      return { doc: replace(m.value), path };
    case 'wrong-type':
      return { doc: replace(otherType(current, m.pick)), path };
    case 'emptied':
      return { doc: replace(typeof current === 'string' ? '' : typeof current === 'number' ? 0 : Array.isArray(current) ? [] : current !== null && typeof current === 'object' ? {} : null), path };
    case 'add-key': {
      if (current === null || typeof current !== 'object' || Array.isArray(current)) return { doc: copy, path };
      // Defined as an own property even for "__proto__", as JSON.parse would.
      Object.defineProperty(current, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
      return { doc: copy, path };
    }
    case 'same-type':
      return { doc: replace(typeof current === 'string' ? m.text : typeof current === 'number' ? m.number : typeof current === 'boolean' ? m.flag : current), path };
    case 'duplicate': {
      if (!Array.isArray(current) || current.length === 0) return { doc: copy, path };
      current.push(structuredClone(current[0]!));
      return { doc: copy, path };
    }
  }
}

/** A document broken by one to three mutations, as JSON text (indented or on one line). */
export function mutatedJsonText(doc: Json): fc.Arbitrary<string> {
  return fc
    .tuple(fc.array(jsonMutation, { minLength: 1, maxLength: 3 }), fc.boolean())
    .map(([ms, indent]) => JSON.stringify(ms.reduce((d, m) => applyJsonMutation(d, m).doc, doc), null, indent ? 2 : undefined));
}

/**
 * JSON.stringify(value, null, 2), and where each path starts in it (line and
 * column, 1-based): at its key for an object's member, at the value for an
 * array's item. Written apart from the parser under test, so the place a
 * problem is reported at can be checked against it.
 */
export function printWithPlaces(value: Json): { text: string; places: Map<string, { line: number; column: number }> } {
  const places = new Map<string, { line: number; column: number }>();
  const lines: string[] = [];
  let current = '';
  const write = (s: string): void => {
    current += s;
  };
  const newline = () => {
    lines.push(current);
    current = '';
  };
  const mark = (path: JsonPath) => places.set(placeKey(path), { line: lines.length + 1, column: current.length + 1 });
  const print = (v: Json, path: JsonPath, depth: number): void => {
    const pad = '  '.repeat(depth + 1);
    if (Array.isArray(v)) {
      if (v.length === 0) return write('[]');
      write('[');
      v.forEach((item, i) => {
        newline();
        write(pad);
        mark([...path, i]);
        print(item, [...path, i], depth + 1);
        if (i < v.length - 1) write(',');
      });
      newline();
      write('  '.repeat(depth) + ']');
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      if (entries.length === 0) return write('{}');
      write('{');
      entries.forEach(([key, item], i) => {
        newline();
        write(pad);
        mark([...path, key]);
        write(`${JSON.stringify(key)}: `);
        print(item, [...path, key], depth + 1);
        if (i < entries.length - 1) write(',');
      });
      newline();
      write('  '.repeat(depth) + '}');
    } else write(JSON.stringify(v));
  };
  mark([]);
  print(value, [], 0);
  newline();
  return { text: lines.join('\n'), places };
}

export const placeKey = (path: JsonPath) => JSON.stringify(path);
