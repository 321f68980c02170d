import { i18n } from '../i18n';
import { ApiError } from './client';

/** A message fit for the person at the screen, in their language where the service gave a key for it (shared/contract/service-errors.ts). */
export function errorMessage(error: unknown, networkText: string): string {
  if (error instanceof ApiError) {
    if (error.code === 'network') return networkText;
    const key = `serverErrors.${error.key}`;
    return error.key && i18n.exists(key) ? i18n.t(key, error.params ?? {}) : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
