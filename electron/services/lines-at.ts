import { openRegularFile } from './regular-file';

/** Lines closer than this are read in one go (one read instead of many small ones). */
const GAP_READ_THROUGH = 16 * 1024;
/** A read spans at most this much: the bytes held at once stay small. */
const LONGEST_READ = 1024 * 1024;

/**
 * The text of lines of a file by their places (byte start and length), in
 * the order asked; null for a place the file no longer reaches. Nearby lines
 * are read together, in file order: a page of the register, or an export's
 * next few hundred rows, costs a few reads per month file, not one per row.
 */
export async function readLinesAt(path: string, places: readonly { start: number; length: number }[]): Promise<(string | null)[]> {
  const texts: (string | null)[] = new Array(places.length).fill(null);
  if (places.length === 0) return texts;
  const order = places.map((_, k) => k).sort((a, b) => places[a]!.start - places[b]!.start);
  // The spans first, then read all at once: the reads go to the disk side by side (the thread pool), not one after another.
  const spans: { from: number; to: number; first: number; last: number }[] = [];
  for (let k = 0; k < order.length; ) {
    const first = places[order[k]!]!;
    let end = first.start + first.length;
    let last = k + 1;
    for (; last < order.length; last++) {
      const next = places[order[last]!]!;
      const nextEnd = Math.max(end, next.start + next.length);
      if (next.start - end > GAP_READ_THROUGH || nextEnd - first.start > LONGEST_READ) break;
      end = nextEnd;
    }
    spans.push({ from: first.start, to: end, first: k, last });
    k = last;
  }
  const handle = await openRegularFile(path);
  try {
    await Promise.all(
      spans.map(async ({ from, to, first, last }) => {
        // Only the bytes read are looked at: no need to clear the rest first.
        const span = Buffer.allocUnsafe(to - from);
        const { bytesRead } = await handle.read(span, 0, span.length, from);
        for (let m = first; m < last; m++) {
          const place = places[order[m]!]!;
          const at = place.start - from;
          if (at + place.length <= bytesRead) texts[order[m]!] = span.toString('utf8', at, at + place.length);
        }
      }),
    );
  } finally {
    await handle.close();
  }
  return texts;
}
