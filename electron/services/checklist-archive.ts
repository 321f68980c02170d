import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { checklistCatalog, sameDefinition, type ChecklistCatalog } from '../../shared/call/checklist-catalog';
import { ChecklistDefinitionSchema, type ChecklistDefinition } from '../../shared/call/checklist';
import { parseContentText } from './content';

/**
 * The checklists calls are scored against: the ones in use, and every older
 * version an office kept in `resources/checklists/archive/` when it changed a
 * list (so a draft started before an update, and every record of that
 * version, is still read against what it was ticked on). A version that two
 * files define differently is refused at start: records of it could be read
 * two ways.
 */
export async function loadChecklistCatalog(resourcesDir: string, inUse: readonly ChecklistDefinition[]): Promise<ChecklistCatalog> {
  const dir = join(resourcesDir, 'checklists', 'archive');
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort();
  const all: ChecklistDefinition[] = [...inUse];
  for (const name of names) {
    const file = join(dir, name);
    const parsed = parseContentText(await fs.readFile(file, 'utf8'), ChecklistDefinitionSchema);
    if (!parsed.ok) throw new Error(`${file}: ${parsed.problem}`);
    const clash = all.find((d) => d.id === parsed.value.id && d.version === parsed.value.version);
    if (clash && !sameDefinition(clash, parsed.value)) {
      throw new Error(`${file}: lista „${parsed.value.id}” w wersji ${parsed.value.version} jest już zdefiniowana inaczej — zmieniona lista potrzebuje nowego numeru wersji`);
    }
    all.push(parsed.value);
  }
  return checklistCatalog(all);
}
