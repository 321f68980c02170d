/**
 * The lines of a byte stream, each at most `maxChars` long: a longer line is
 * skipped as it streams past — never gathered into memory — and given as
 * `text: null`. readline would build a 50 MB line of junk whole before
 * anyone could look at it.
 *
 * Lines end at "\n"; a final line without it is given too. Bytes are decoded
 * as UTF-8 once a line is whole, so a character split between two chunks
 * stays one character.
 */
export interface BoundedLine {
  /** 1-based. */
  lineNo: number;
  /** The line without its "\n"; null when it was longer than allowed. */
  text: string | null;
}

export async function* readBoundedLines(stream: AsyncIterable<Buffer | string> | NodeJS.ReadableStream, maxChars: number): AsyncGenerator<BoundedLine> {
  // A UTF-16 unit takes at most three bytes of UTF-8 (a four-byte character is two units).
  const maxBytes = maxChars * 3;
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let lineNo = 0;
  const finish = (): BoundedLine => {
    lineNo++;
    const text = tooLong ? null : Buffer.concat(parts, size).toString('utf8');
    parts = [];
    size = 0;
    tooLong = false;
    return { lineNo, text: text !== null && text.length > maxChars ? null : text };
  };
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    for (;;) {
      const newline = bytes.indexOf(0x0a, start);
      const end = newline < 0 ? bytes.length : newline;
      if (!tooLong) {
        if (size + (end - start) > maxBytes) {
          tooLong = true;
          parts = [];
          size = 0;
        } else if (end > start) {
          parts.push(bytes.subarray(start, end));
          size += end - start;
        }
      }
      if (newline < 0) break;
      yield finish();
      start = newline + 1;
    }
  }
  if (size > 0 || tooLong) yield finish();
}
