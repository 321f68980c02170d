import type { z } from 'zod';

/** The first message for each field of a failed parse, keyed by the field's path ("hotkeys.endCall"). */
export function fieldErrors<K extends string = string>(error: z.ZodError): Partial<Record<K, string>> {
  const found: Partial<Record<string, string>> = {};
  for (const issue of error.issues) found[issue.path.join('.')] ??= issue.message;
  return found as Partial<Record<K, string>>;
}
