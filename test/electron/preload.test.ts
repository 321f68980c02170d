import { describe, expect, it, vi } from 'vitest';
import { API_METHOD_NAMES } from '../../shared/contract/api-methods';
import type { FakeElectron } from '../helpers/fake-electron';

const fake: FakeElectron = vi.hoisted(() => ({}) as FakeElectron);
vi.mock('electron', async () => {
  const { createFakeElectron } = await import('../helpers/fake-electron');
  Object.assign(fake, createFakeElectron());
  return fake;
});

await import('../../electron/preload');

describe('preload', () => {
  it('exposes only `api` (one function per method) and `shell` (one subscription), nothing else', () => {
    expect([...fake.exposed.keys()]).toEqual(['api', 'shell']);
    const shell = fake.exposed.get('shell') as Record<string, unknown>;
    expect(Object.keys(shell)).toEqual(['onCommand']);
    expect(Object.isFrozen(shell)).toBe(true);
    const api = fake.exposed.get('api') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...API_METHOD_NAMES].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.values(api)).not.toContain(fake.ipcRenderer);
  });

  it('forwards the payload to the method channel and returns only the reply, no event object', async () => {
    const api = fake.exposed.get('api') as Record<string, (p: unknown) => Promise<unknown>>;
    const reply = await api.saveDraft!({ state: { phase: 'idle' } });
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith('api:saveDraft', { state: { phase: 'idle' } });
    expect(reply).toEqual({ channel: 'api:saveDraft', payload: { state: { phase: 'idle' } } });
  });


  it('forwards nothing but the payload: extra arguments from the page go nowhere', async () => {
    const api = fake.exposed.get('api') as Record<string, (...args: unknown[]) => Promise<unknown>>;
    fake.ipcRenderer.invoke.mockClear();
    await api.getAppState!({}, 'api:saveProfile', { sender: 'spoofed' });
    expect(fake.ipcRenderer.invoke.mock.calls).toEqual([['api:getAppState', {}]]);
  });

  it('passes on only known shell commands, as bare names — never the IPC event, never anything else', () => {
    const shell = fake.exposed.get('shell') as { onCommand(listener: (command: unknown) => void): void };
    const received: unknown[] = [];
    shell.onCommand((...args: unknown[]) => received.push(args));
    const [channel, handler] = fake.ipcRenderer.on.mock.calls.at(-1)!;
    expect(channel).toBe('shell:command');
    const event = { sender: 'ipc-internals' };
    handler(event, 'toggle-privacy');
    handler(event, 'rm -rf');
    handler(event, { command: 'start-incoming' });
    expect(received).toEqual([['toggle-privacy']]);
  });
});

describe('the built preload', () => {
  it('is one CommonJS script that requires nothing but electron (a sandboxed preload can load nothing else)', async () => {
    const { readFileSync } = await import('node:fs');
    const code = readFileSync('out/preload/index.cjs', 'utf8');
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(required.length).toBeGreaterThan(0);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(code).not.toMatch(/^\s*import\s/m);
  });

  it('run as shipped, exposes exactly `api` and `shell` and hands the page nothing of ipcRenderer or its events', async () => {
    const { readFileSync } = await import('node:fs');
    const { runInNewContext } = await import('node:vm');
    const { createFakeElectron } = await import('../helpers/fake-electron');
    const electron = createFakeElectron();
    const code = readFileSync('out/preload/index.cjs', 'utf8');
    runInNewContext(code, {
      require: (name: string) => {
        if (name !== 'electron') throw new Error(`the preload asked for ${name}`);
        return electron;
      },
    });
    expect([...electron.exposed.keys()]).toEqual(['api', 'shell']);
    const api = electron.exposed.get('api') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...API_METHOD_NAMES].sort());
    expect(Object.values(api).every((f) => typeof f === 'function')).toBe(true);
    const shell = electron.exposed.get('shell') as { onCommand(listener: (...args: unknown[]) => void): unknown };
    expect(Object.keys(shell)).toEqual(['onCommand']);
    const received: unknown[][] = [];
    expect(shell.onCommand((...args) => received.push(args))).toBeUndefined();
    const [, handler] = electron.ipcRenderer.on.mock.calls.at(-1)!;
    handler({ sender: electron.ipcRenderer, ports: [] }, 'end-call', 'extra');
    handler({ sender: electron.ipcRenderer }, { toString: () => 'end-call' });
    expect(received).toEqual([['end-call']]);
  });
});
