import { useTranslation } from 'react-i18next';
import type { EntryKind } from '../../../shared/directory/directory-edits';
import type { TableName } from '../../../shared/directory/directory-tables';
import { errorMessage } from '../api/error-message';
import { useTablesStore } from './tables-store';

/** The table a kind of entries is kept in: the office's units and the institutions outside it are one. */
const TABLE_OF: Record<EntryKind, TableName> = { matter: 'matters', unit: 'units', external: 'units', site: 'sites', term: 'terms' };

/**
 * *Arkusz*: the list shown as a table for Excel, and a table back from it.
 * What comes back replaces its list in the editor only when the whole table
 * checks out — each problem by row and column — and is saved like any edit.
 */
export function TablesCard({ kind }: { kind: EntryKind }) {
  const { t } = useTranslation();
  const exportTable = useTablesStore((s) => s.exportTable);
  const importTable = useTablesStore((s) => s.importTable);
  const busy = useTablesStore((s) => s.busy);
  const result = useTablesStore((s) => s.result);
  const table = TABLE_OF[kind];
  return (
    <section className="card editor-tables" aria-label={t('editor.tables.title')}>
      <h3>{t('editor.tables.title')}</h3>
      <p className="field-hint">{t('editor.tables.intro')}</p>
      <div className="actions">
        <button type="button" className="button secondary" disabled={busy} onClick={() => void exportTable(table)}>
          {t(`editor.tables.export.${table}`)}
        </button>
        <button type="button" className="button secondary" disabled={busy} onClick={() => void importTable()}>
          {t('editor.tables.import')}
        </button>
      </div>
      <div role="status">
        {result?.kind === 'exported' && <p className="editor-saved">{t('editor.tables.exported', { where: result.where })}</p>}
        {result?.kind === 'imported' && (
          <>
            <p className="editor-saved">
              {result.changes.length === 0 ? t('editor.tables.importedNothing', { name: result.name }) : t('editor.tables.imported', { name: result.name, changes: t('editor.changes', { count: result.changes.length }) })}
            </p>
            {/* What the table changes, so an identifier retyped in Excel (an entry removed, another added) is seen before saving. */}
            <ul className="lost-changes">
              {result.changes.slice(0, 20).map((c, i) => (
                <li key={i}>{t(`editor.change.${c.change}`, { title: c.title || c.id })}</li>
              ))}
            </ul>
            {result.changes.length > 20 && <p className="muted">{t('editor.tables.more', { count: result.changes.length - 20 })}</p>}
          </>
        )}
        {result?.kind === 'failed' && <p className="form-error">{errorMessage(result.error, t('errors.network'))}</p>}
        {result?.kind === 'problems' && (
          <div className="form-error">
            <p>{t('editor.tables.problems', { name: result.name, count: result.problems.length })}</p>
            <ul className="problems plain">
              {result.problems.slice(0, 30).map((p, i) => (
                <li key={i}>
                  {p.row !== null &&
                    (p.column
                      ? p.column.header
                        ? t('editor.tables.at', { row: p.row, letter: p.column.letter, header: p.column.header })
                        : t('editor.tables.atColumn', { row: p.row, letter: p.column.letter })
                      : t('editor.tables.atRow', { row: p.row }))}
                  {p.message}
                </li>
              ))}
            </ul>
            {result.problems.length > 30 && <p>{t('editor.tables.more', { count: result.problems.length - 30 })}</p>}
          </div>
        )}
      </div>
    </section>
  );
}
