import type { JournalRecord } from '../../shared/journal/journal-record';

/**
 * Whether two records are one record, wherever each sits in a chain: each
 * copy (this computer's journal, the team folder, the team database) chains
 * its own way, so `prevHash` is left out, and keys may come in any order.
 */
export function sameRecord(a: JournalRecord | Record<string, unknown>, b: JournalRecord | Record<string, unknown>): boolean {
  return canonicalJson({ ...a, prevHash: null }) === canonicalJson({ ...b, prevHash: null });
}

/** JSON with every object's keys sorted: the same content gives the same text, whatever order it was written in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
