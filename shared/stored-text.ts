import { CALLBACK_REFERENCE_MAX_LENGTH, STORED_NOTE_MAX_LENGTH } from './call-machine';
import { findIdentifiers, replaceIdentifiers, type MaskResult } from './masking';

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

/** The callback reference, as the record's `callback.reference` holds it. */
export function storedCallbackReference(text: string): MaskResult {
  return stored(text, 2 * CALLBACK_REFERENCE_MAX_LENGTH);
}

// How far past the cut masking reads: longer than any identifier as written,
// separators and invisible characters included. Masking never reads an
// endless input.
const READ_PAST_CUT = 200;

function stored(text: string, maxLength: number): MaskResult {
  const read = text.trim().slice(0, maxLength + READ_PAST_CUT);
  const found = findIdentifiers(read);
  let end = Math.min(read.length, maxLength);
  const kept = found.filter((f) => f.start < end);
  const last = kept[kept.length - 1];
  if (last && last.end > end) end = last.end;
  const masked = replaceIdentifiers(read.slice(0, end), kept);
  return { text: masked.text.slice(0, maxLength), counts: masked.counts };
}
