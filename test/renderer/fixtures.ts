import { readFileSync } from 'node:fs';
import { ChecklistDefinitionSchema } from '../../shared/call/checklist';
import { DirectorySchema, GlossarySchema } from '../../shared/directory/directory';
import { DEFAULT_PREFERENCES } from '../../shared/settings/preferences';
import { ScriptsSchema } from '../../shared/call/scripts';

/** The built-in content as the window gets it, read from resources/ like the app reads it. */
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as unknown;

export const INCOMING_CHECKLIST = ChecklistDefinitionSchema.parse(read('resources/checklists/incoming.json'));
export const OUTGOING_CHECKLIST = ChecklistDefinitionSchema.parse(read('resources/checklists/outgoing.json'));
export const SHIFT_CHECKLIST = ChecklistDefinitionSchema.parse(read('resources/checklists/shift.json'));
export const BUILT_IN_SCRIPTS = ScriptsSchema.parse(read('resources/scripts.json'));
export const BUILT_IN_DIRECTORY = DirectorySchema.parse(read('resources/directory.json'));
export const BUILT_IN_GLOSSARY = GlossarySchema.parse(read('resources/glossary.json'));

/** The clerk the window's tests are signed in as. */
export const TEST_PROFILE = {
  clerkId: '0b9f1e0e-3f5c-4a7e-9a39-6f3f6f2b8a10',
  firstName: 'Anna',
  lastName: 'Nowak',
  role: 'pracownik' as const,
  unit: 'Referat Pośrednictwa Pracy',
  officeName: 'Powiatowy Urząd Pracy w Łodzi',
};

/** What getAppState gives a window with the built-in content and default settings (the profile and the call come apart). */
export const BUILT_IN_CONTENT = {
  checklists: [INCOMING_CHECKLIST, OUTGOING_CHECKLIST],
  shiftChecklist: SHIFT_CHECKLIST,
  scripts: BUILT_IN_SCRIPTS,
  directory: BUILT_IN_DIRECTORY,
  glossary: BUILT_IN_GLOSSARY,
  officeFiles: { directory: null, glossary: null },
  contentSources: { directory: 'built-in' as const, glossary: 'built-in' as const },
  team: { teamFolder: null, teamDatabase: null, retentionMonths: 24 },
  preferences: DEFAULT_PREFERENCES,
  hotkeyProblems: [],
};
