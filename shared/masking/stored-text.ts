import { CALLBACK_REFERENCE_MAX_LENGTH, STORED_NOTE_MAX_LENGTH } from '../call/call-machine';
import { findIdentifiers, isPlainProse, replaceIdentifiers, type MaskResult } from './masking';

/**
 * What the journal holds of what the clerk typed, and what the previews show:
 * one function per field, so the preview is byte for byte what is stored.
 *
 * Trimmed, cut to the field's length, masked, and cut again after masking (a
 * token can be longer than what it hides, see STORED_NOTE_MAX_LENGTH). The
 * first cut never splits an identifier: masking reads a little past it, and
 * one running over the cut is kept whole up to its end (then masked), so no
 * half of a PESEL is left behind as a number too short to mask.
 */
export function storedNote(text: string): MaskResult {
  return stored(text, STORED_NOTE_MAX_LENGTH);
}

/** The longest a routed unit's name is stored (a directory's names are up to 120 characters). */
export const ROUTED_UNIT_NAME_MAX = 160;

/**
 * The name of the unit a call was routed to, as the record holds it: the
 * directory's name, but the window sends it, and a name that came from
 * anywhere else must not carry an identifier to disk either.
 */
export function storedUnitName(text: string): MaskResult {
  return stored(text, ROUTED_UNIT_NAME_MAX);
}

/** The callback reference, as the record's `callback.reference` holds it. */
export function storedCallbackReference(text: string): MaskResult {
  return stored(text, 2 * CALLBACK_REFERENCE_MAX_LENGTH);
}

/**
 * What the draft (draft.json, written on every keystroke) holds of a field:
 * masked as maskIdentifiers masks it (same spans, nothing trimmed or cut),
 * and also every run of six or more digits that no rule keeps as a date,
 * time, amount or list, and a word before "@": the start of an identifier
 * being typed ("44051401", "jan.kowalski@") is not left on disk either.
 */
export function draftText(text: string): string {
  if (isPlainProse(text)) return text;
  return replaceIdentifiers(text, findIdentifiers(text, { draft: true })).text;
}

// How far past the cut masking reads: longer than any identifier as written,
// separators included, in characters that can be seen (invisible characters
// and combining marks are read past without being counted). Masking never
// reads an endless input.
const READ_PAST_CUT = 200;
const UNSEEN = /[\p{Cf}\p{Default_Ignorable_Code_Point}\p{M}]/u;

/** Where reading stops: `seen` characters that can be seen past `from`, or the end. */
function readEnd(text: string, from: number, seen: number): number {
  let at = from;
  while (at < text.length && seen > 0) {
    const cp = text.codePointAt(at)!;
    at += cp > 0xffff ? 2 : 1;
    if (!UNSEEN.test(String.fromCodePoint(cp))) seen--;
  }
  // Marks and invisible characters right after belong to the last one read.
  while (at < text.length && UNSEEN.test(String.fromCodePoint(text.codePointAt(at)!))) at += text.codePointAt(at)! > 0xffff ? 2 : 1;
  return at;
}

/**
 * What no store can keep, made storable: a NUL (which a database's text and
 * JSON types refuse, so a note with one could never reach the team's copy)
 * and half of a surrogate pair (not a character at all), each as U+FFFD.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function stored(text: string, maxLength: number): MaskResult {
  const trimmed = text.replace(UNSTORABLE, '\uFFFD').trim();
  const read = trimmed.slice(0, readEnd(trimmed, Math.min(maxLength, trimmed.length), READ_PAST_CUT));
  const found = findIdentifiers(read);
  let end = Math.min(read.length, maxLength);
  const kept = found.filter((f) => f.start < end);
  const last = kept[kept.length - 1];
  if (last && last.end > end) end = last.end;
  const masked = replaceIdentifiers(read.slice(0, end), kept);
  return { text: masked.text.slice(0, maxLength), counts: masked.counts };
}
