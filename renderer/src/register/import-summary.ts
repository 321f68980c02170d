import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { ImportResultSchema } from '../../../shared/register/register-api';

type ImportResult = z.infer<typeof ImportResultSchema>;

/**
 * What an import did, in one sentence for the lead: the calls taken in (and
 * the other records with them), what was there already or differs, what was
 * masked, and which lines were skipped and why — grouped by the reason, since
 * "not a call record" and "saved in the future" call for different fixes.
 */
export function importSummary(result: ImportResult & { path: string }, t: TFunction): string {
  const calls = t('register.import.calls', { count: result.imported });
  const parts = [
    result.otherRecords > 0 ? t('register.import.importedWithOthers', { calls, others: t('register.import.others', { count: result.otherRecords }) }) : t('register.import.imported', { calls }),
    result.duplicates > 0 ? t('register.import.duplicates', { count: result.duplicates }) : null,
    result.conflicts > 0 ? t('register.import.conflicts', { count: result.conflicts }) : null,
    result.masked > 0 ? t('register.import.masked', { count: result.masked }) : null,
    result.rejectedCount > 0 ? rejectedPart(result, t) : null,
  ];
  return `${result.path}: ${parts.filter(Boolean).join('; ')}.`;
}

function rejectedPart(result: ImportResult, t: TFunction): string {
  const byReason = new Map<string, number[]>();
  for (const { line, reason } of result.rejected) byReason.set(reason, [...(byReason.get(reason) ?? []), line]);
  const why = [...byReason].map(([reason, lines]) => t('register.import.rejectedBecause', { count: lines.length, which: lines.join(', '), reason: t(`register.import.reasons.${reason}`) }));
  const more = result.rejectedCount - result.rejected.length;
  if (more > 0) why.push(t('register.import.rejectedMore', { count: more }));
  return t('register.import.rejected', { lines: t('register.import.lines', { count: result.rejectedCount }), why: why.join(', ') });
}
