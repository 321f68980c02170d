import type { Api } from '../../../shared/contract/api';
import { createApi } from './client';

let instance: Api | null = null;

/** The app's Api, created on first use; tests put a fake in with setApi. */
export function getApi(): Api {
  instance ??= createApi();
  return instance;
}

export function setApi(api: Api | null): void {
  instance = api;
}
