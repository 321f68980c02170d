import type { SpawnSyncOptions, SpawnSyncReturns } from 'node:child_process';

/** The path of a dependency's command-line script, from its package.json "bin". */
export function packageBin(pkg: string, command?: string): string;
/** Runs a dependency's command-line script with this Node. */
export function runBin(pkg: string, args: string[], options?: SpawnSyncOptions): SpawnSyncReturns<Buffer>;
