import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DirectorySchema, GlossarySchema } from '../../shared/directory/directory';
import { contentWithTable, TABLES, tableRows } from '../../shared/directory/directory-tables';
import { readTableFile, tableFileBytes, TABLE_FILE_MAX_BYTES } from '../../electron/services/directory-table-file';

const builtIn = {
  directory: DirectorySchema.parse(JSON.parse(readFileSync('resources/directory.json', 'utf8'))),
  glossary: GlossarySchema.parse(JSON.parse(readFileSync('resources/glossary.json', 'utf8'))),
};

/** Polish Excel's plain "CSV" code page, for the letters a directory has. */
const CP1250: Record<string, number> = { ą: 0xb9, ć: 0xe6, ę: 0xea, ł: 0xb3, ń: 0xf1, ó: 0xf3, ś: 0x9c, ź: 0x9f, ż: 0xbf, Ą: 0xa5, Ć: 0xc6, Ę: 0xca, Ł: 0xa3, Ń: 0xd1, Ó: 0xd3, Ś: 0x8c, Ź: 0x8f, Ż: 0xaf, '„': 0x84, '”': 0x94, '—': 0x97, '–': 0x96, '§': 0xa7, '…': 0x85 };
function windows1250(text: string): Buffer {
  return Buffer.from(
    [...text].map((char) => {
      const code = CP1250[char] ?? char.charCodeAt(0);
      if (code > 0xff) throw new Error(`not in the test's code page: ${char}`);
      return code;
    }),
  );
}

/** The same rows as a spreadsheet may save them: the app's own file, or Excel's other ways. */
function savedAs(rows: string[][], how: 'app' | 'utf8-no-bom' | 'windows-1250' | 'utf16-tabs' | 'commas'): Buffer {
  const text = tableFileBytes(rows).toString('utf8').slice(1);
  if (how === 'app') return tableFileBytes(rows);
  if (how === 'utf8-no-bom') return Buffer.from(text, 'utf8');
  if (how === 'windows-1250') return windows1250(text);
  const separator = how === 'utf16-tabs' ? '\t' : ',';
  const quoted = rows.map((r) => r.map((cell) => (/[\t,"\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(separator)).join('\r\n');
  return how === 'utf16-tabs' ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(quoted, 'utf16le')]) : Buffer.from(quoted, 'utf8');
}

describe('a directory table as a file for Polish Excel', () => {
  it('is UTF-8 with a BOM, ; between cells and CRLF between rows', () => {
    const bytes = tableFileBytes([['Identyfikator', 'Nazwa'], ['a-b', 'Zażółć; „gęślą”']]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('Identyfikator;Nazwa\r\na-b;"Zażółć; „gęślą”"\r\n');
  });

  it.each(['app', 'utf8-no-bom', 'windows-1250', 'utf16-tabs', 'commas'] as const)('every table of the built-in directory, saved as %s, reads back as the same content', (how) => {
    for (const table of TABLES) {
      const rows = tableRows(builtIn, table);
      const read = readTableFile(savedAs(rows, how));
      expect(read.ok).toBe(true);
      if (!read.ok) return;
      expect(contentWithTable(builtIn, read.rows)).toMatchObject({ ok: true, content: builtIn, changes: [] });
    }
  });

  it('property: any cells go to a file and back as they were', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ maxLength: 30 }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 20 }), (body) => {
        const rows = [['Identyfikator', 'Nazwa', 'Adres'], ...body];
        const read = readTableFile(tableFileBytes(rows));
        expect(read.ok && read.rows).toEqual(rows);
      }),
    );
  });

  it('a damaged file is said with the row where it breaks; an empty or oversized one as such', () => {
    expect(readTableFile(Buffer.from('Identyfikator;Nazwa\r\na;"nie zamknięty\r\nb;c\r\n'))).toEqual({ ok: false, problem: 'wiersz 2: cudzysłów otwarty i niezamknięty do końca pliku' });
    expect(readTableFile(Buffer.from('Identyfikator;Nazwa\r\na;"b"c\r\n'))).toMatchObject({ ok: false, problem: expect.stringMatching(/^wiersz 2: /) });
    expect(readTableFile(Buffer.from('\uFEFF  \r\n'))).toEqual({ ok: false, problem: 'plik jest pusty' });
    expect(readTableFile(Buffer.alloc(TABLE_FILE_MAX_BYTES + 1, 0x41))).toMatchObject({ ok: false, problem: expect.stringContaining('większy niż 4 MB') });
  });
});
