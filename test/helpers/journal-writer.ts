/**
 * Child process for the crash test: appends records as fast as it can and
 * prints "ack <id>" only after each append has resolved (i.e. was fsynced).
 * The parent kills it with SIGKILL at a random moment.
 *
 * argv: dataDir, first savedAt (epoch ms), step between records (ms), seed.
 */
import { CallJournal } from '../../electron/services/journal';
import { sampleRecord } from './records';

const [dataDir, firstAt, stepMs, seed] = process.argv.slice(2);
const journal = new CallJournal(dataDir!);
let at = Number(firstAt);
let state = Number(seed) || 1;
const nextSize = () => {
  state = (state * 48271) % 2147483647;
  return state % 500; // notes from 0 to 499 characters: lines of very different sizes
};

for (;;) {
  const record = await journal.append(sampleRecord(new Date(at), nextSize()));
  process.stdout.write(`ack ${record.id}\n`);
  at += Number(stepMs);
}
