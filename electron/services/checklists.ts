import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { describeIssues } from '../../shared/api';
import { ChecklistDefinitionSchema, type ChecklistDefinition } from '../../shared/checklist';

/**
 * Loads the checklist definitions shipped in resources/checklists. They are
 * data an office may edit, so a broken one stops the start with a message
 * naming the file and the field rather than a call without a checklist.
 */
export async function loadChecklists(resourcesDir: string): Promise<ChecklistDefinition[]> {
  const dir = join(resourcesDir, 'checklists');
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  const definitions: ChecklistDefinition[] = [];
  for (const name of names) {
    const file = join(dir, name);
    let json: unknown;
    try {
      json = JSON.parse(await fs.readFile(file, 'utf8'));
    } catch (error) {
      throw new Error(`${file}: to nie jest poprawny JSON (${(error as Error).message})`);
    }
    const result = ChecklistDefinitionSchema.safeParse(json);
    if (!result.success) throw new Error(`${file}: ${describeIssues(result.error)}`);
    definitions.push(result.data);
  }
  if (!definitions.some((d) => d.direction === 'incoming')) {
    throw new Error(`${dir}: brak listy kontrolnej dla rozmów przychodzących`);
  }
  return definitions;
}
