import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { RegisterProblemViewSchema } from '../../../shared/register/register-api';

type RegisterProblemView = z.infer<typeof RegisterProblemViewSchema>;

/** One problem of a month file, in words: the register's list and an opened call say it alike. */
export function registerProblemText(p: RegisterProblemView, t: TFunction): string {
  const said =
    p.kind === 'conflict'
      ? t('register.problem.conflict', { clerk: p.clerkName, month: p.month, file: p.file, other: t(`register.folder.${p.other ?? 'import'}`) })
      : t(`register.problem.${p.kind}`, {
          clerk: p.clerkName,
          month: p.month,
          file: p.file,
          line: p.lines[0] ?? '',
          lines: t('register.lines', { count: p.lines.length + p.moreLines, list: p.lines.join(', ') + (p.moreLines > 0 ? '…' : '') }),
        });
  const more = p.fileCount > p.lines.length + p.moreLines ? ` ${t('register.fileCount', { count: p.fileCount })}` : '';
  return `${said} ${t(`register.folder.${p.folder}`)}${more}`;
}
