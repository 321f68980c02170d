/**
 * Makes the file system fail on purpose, under the app's own services: each
 * fault names an operation, an error code (ENOSPC, EACCES, EIO, EBUSY…),
 * which paths it hits and how many times. The promise API and the file
 * handles the services use are wrapped; so are the callback writes that the
 * export's write stream makes.
 *
 * `partial` writes the first half of the data before failing, as a disk that
 * fills up or a share that drops mid-write does.
 */
import fs, { promises as fsp } from 'node:fs';
import { vi } from 'vitest';

export type FaultOp = 'open' | 'write' | 'sync' | 'truncate' | 'rename' | 'mkdir' | 'rm' | 'readFile' | 'readdir' | 'stat' | 'stream-write';

export interface Fault {
  op: FaultOp;
  code: string;
  /** Which paths fail (for handle operations: the path the handle was opened with). All when absent. */
  path?: (path: string) => boolean;
  /** How many calls fail before the operation works again; forever when absent. */
  times?: number;
  /** Writes only: half the data reaches the file before the error. */
  partial?: boolean;
}

type AnyFn = (...args: never[]) => unknown;

export class FsFaults {
  private faults: Fault[] = [];
  /** How many times each operation failed on purpose. */
  readonly hits = new Map<FaultOp, number>();
  private readonly handlePaths = new WeakMap<object, string>();
  private readonly fdPaths = new Map<number, string>();

  add(fault: Fault): this {
    this.faults.push({ ...fault });
    return this;
  }

  /** The fault is gone: the disk has space again, the share is back. */
  clear(): void {
    this.faults = [];
  }

  /** The fault that hits this call, if any; counts it down. */
  private take(op: FaultOp, path: string | undefined): Fault | null {
    const fault = this.faults.find((f) => f.op === op && (f.times ?? 1) > 0 && (!f.path || (path !== undefined && f.path(path))));
    if (!fault) return null;
    if (fault.times !== undefined) fault.times--;
    this.hits.set(op, (this.hits.get(op) ?? 0) + 1);
    return fault;
  }

  private static error(op: string, code: string, path: string | undefined): NodeJS.ErrnoException {
    return Object.assign(new Error(`${code}: injected fault, ${op} '${path ?? ''}'`), { code, syscall: op, path });
  }

  /** Wraps the file system; undone by vi.restoreAllMocks(). */
  async install(probeFile: string): Promise<this> {
    const pathOps = ['rename', 'mkdir', 'rm', 'readFile', 'readdir', 'stat'] as const;
    for (const op of pathOps) {
      const original = fsp[op].bind(fsp) as AnyFn;
      vi.spyOn(fsp, op).mockImplementation((async (...args: unknown[]) => {
        const path = String(args[0]);
        const fault = this.take(op, path);
        if (fault) throw FsFaults.error(op, fault.code, path);
        return original(...(args as never[]));
      }) as never);
    }

    const originalOpen = fsp.open.bind(fsp);
    vi.spyOn(fsp, 'open').mockImplementation((async (path: fs.PathLike, ...rest: unknown[]) => {
      const fault = this.take('open', String(path));
      if (fault) throw FsFaults.error('open', fault.code, String(path));
      const handle = await originalOpen(path, ...(rest as [never]));
      this.handlePaths.set(handle, String(path));
      return handle;
    }) as never);

    // File handles: their class is not exported, so take it from a handle.
    const probe = await originalOpen(probeFile, 'w');
    const proto = Object.getPrototypeOf(probe) as Record<string, AnyFn>;
    await probe.close();
    // The patched methods have a `this` of their own (the handle); the faults are reached through this name.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const faults = this;
    const handleOp = (name: 'write' | 'writeFile' | 'sync' | 'datasync' | 'truncate', op: FaultOp) => {
      const original = proto[name]!;
      vi.spyOn(proto, name).mockImplementation(async function (this: object, ...args: unknown[]) {
        const path = faults.handlePaths.get(this);
        const fault = faults.take(op, path);
        if (!fault) return original.apply(this, args as never[]);
        if (fault.partial && name === 'write' && Buffer.isBuffer(args[0])) {
          const [data, offset = 0, length = (args[0] as Buffer).length, position] = args as [Buffer, number?, number?, number?];
          await original.apply(this, [data, offset, Math.floor(length / 2), position] as never[]);
        }
        throw FsFaults.error(op, fault.code, path);
      } as never);
    };
    handleOp('write', 'write');
    handleOp('writeFile', 'write');
    handleOp('sync', 'sync');
    handleOp('datasync', 'sync');
    handleOp('truncate', 'truncate');

    // The callback API, which write streams use.
    const originalFsOpen = fs.open;
    vi.spyOn(fs, 'open').mockImplementation(((path: fs.PathLike, ...rest: unknown[]) => {
      const callback = rest.pop() as (error: Error | null, fd?: number) => void;
      (originalFsOpen as (...args: unknown[]) => void)(path, ...rest, (error: Error | null, fd?: number) => {
        if (!error && fd !== undefined) this.fdPaths.set(fd, String(path));
        callback(error, fd);
      });
    }) as never);
    for (const name of ['write', 'writev'] as const) {
      const original = fs[name] as AnyFn;
      vi.spyOn(fs, name).mockImplementation(((fd: number, ...rest: unknown[]) => {
        const callback = rest.at(-1) as (error: Error | null) => void;
        const fault = this.take('stream-write', this.fdPaths.get(fd));
        if (fault) return process.nextTick(() => callback(FsFaults.error(name, fault.code, this.fdPaths.get(fd))));
        return original(fd as never, ...(rest as never[]));
      }) as never);
    }
    return this;
  }
}
