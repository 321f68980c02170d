/**
 * Runs async tasks one after another in the order they were queued, so two
 * saves can never interleave their writes. A failed task does not stop the
 * ones queued after it.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
