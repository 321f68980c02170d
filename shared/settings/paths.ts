import { z } from 'zod';

/**
 * A path set in settings is absolute: the app is started from anywhere, so a
 * relative path would mean a different place each time. `/mnt/…`, `Z:\…`,
 * `\\serwer\udział\…` all are.
 */
export const ABSOLUTE_PATH = /^(?:\/|[A-Za-z]:[\\/]|\\\\)/;

/** A path that may be left empty: trimmed, '' read as none (null), otherwise absolute and at most 1024 characters. */
export function optionalAbsolutePath() {
  return z
    .string()
    .trim()
    .max(1024, 'tooLong')
    .transform((path) => (path === '' ? null : path))
    .pipe(z.string().regex(ABSOLUTE_PATH, 'notAbsolute').nullable())
    .nullable();
}
