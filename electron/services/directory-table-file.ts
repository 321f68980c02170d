import { isUtf8 } from 'node:buffer';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/**
 * A directory table as a file for Polish Excel, and a file from it back to
 * rows (what each cell says is shared/directory/directory-tables.ts).
 *
 * Written as the register's CSV is: UTF-8 with a BOM (or Excel guesses the
 * code page), `;` between cells (Polish Excel's list separator), CRLF.
 * Read as Excel may have saved it: *CSV UTF-8* (BOM), plain *CSV* (the
 * Windows-1250 code page), *Tekst Unicode* (UTF-16 with tabs), or from
 * another program with `,` — the separator is the one the header row uses.
 */

/** A table of the largest directory the app reads (1 MB) is well under this. */
export const TABLE_FILE_MAX_BYTES = 4 * 1024 * 1024;

export function tableFileBytes(rows: readonly (readonly string[])[]): Buffer {
  return Buffer.from(`\uFEFF${stringify(rows as string[][], { delimiter: ';', record_delimiter: 'windows' })}`, 'utf8');
}

export type TableFileRead = { ok: true; rows: string[][] } | { ok: false; problem: string };

export function readTableFile(bytes: Uint8Array): TableFileRead {
  if (bytes.byteLength > TABLE_FILE_MAX_BYTES) return { ok: false, problem: `plik jest większy niż ${TABLE_FILE_MAX_BYTES / 1024 / 1024} MB — to nie jest tabela katalogu` };
  const text = decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (text.trim() === '') return { ok: false, problem: 'plik jest pusty' };
  try {
    const rows = parse(text, { delimiter: separatorOf(text), relax_column_count: true, skip_empty_lines: false }) as string[][];
    return { ok: true, rows };
  } catch (error) {
    // The row as the spreadsheet numbers it: the records read whole before the broken one, and it.
    const { code, records } = error as { code?: string; records?: number };
    return { ok: false, problem: `wiersz ${records === undefined ? '?' : records + 1}: ${CSV_PROBLEMS[code ?? ''] ?? `plik nie jest poprawnym CSV (${code ?? 'błąd'})`}` };
  }
}

const CSV_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'cudzysłów otwarty i niezamknięty do końca pliku',
  CSV_INVALID_CLOSING_QUOTE: 'po zamykającym cudzysłowie jest jeszcze tekst w tej samej komórce',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'po zamykającym cudzysłowie jest jeszcze tekst w tej samej komórce',
  CSV_QUOTE_NOT_CLOSED_BEFORE_END: 'cudzysłów otwarty i niezamknięty',
};

function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  if (isUtf8(bytes)) return bytes.toString('utf8');
  // Polish Excel's plain "CSV" is saved in the Windows code page.
  return new TextDecoder('windows-1250').decode(bytes);
}

/** The separator the header row uses: the one of `;`, tab and `,` found most outside quotes (`;` when none). */
function separatorOf(text: string): string {
  const counts: Record<string, number> = { ';': 0, '\t': 0, ',': 0 };
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char in counts) counts[char]!++;
  }
  const [separator] = Object.entries(counts).reduce((best, entry) => (entry[1] > best[1] ? entry : best));
  return separator;
}
