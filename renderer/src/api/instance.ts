import type { Api } from '../../../shared/contract/api';
import { i18n } from '../i18n';
import { ApiError, createApi } from './client';

let instance: Api | null = null;

/** The app's Api, created on first use; tests put a fake in with setApi. */
export function getApi(): Api {
  instance ??= createApi();
  return instance;
}

export function setApi(api: Api | null): void {
  instance = api;
}

/** A message fit for the person at the screen, in their language where the service gave a key for it. */
export function errorMessage(error: unknown, networkText: string): string {
  if (error instanceof ApiError) {
    if (error.code === 'network') return networkText;
    const key = `serverErrors.${error.key}`;
    return error.key && i18n.exists(key) ? i18n.t(key, error.params ?? {}) : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Whether the page runs in the desktop app (its preload gives `window.api`) rather than in a browser. */
export function isDesktop(): boolean {
  return typeof window !== 'undefined' && 'api' in window && window.api !== undefined;
}
