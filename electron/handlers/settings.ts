import { randomUUID } from 'node:crypto';
import type { AppServices } from '../services/app-services';
import { checkOfficeFiles } from '../services/office-content';
import { moreProblems } from '../services/content-check';
import type { Handlers } from './dispatch';
import { ServiceError } from './service-error';

/** An office file with many problems: the first few say enough to start fixing; the check command lists all. */
const MAX_PROBLEMS_SHOWN = 5;

/** The clerk's profile and preferences, and the office's own directory and glossary. */
export function settingsHandlers(services: AppServices): Handlers<'saveProfile' | 'savePreferences' | 'saveOfficeFiles'> {
  return {
    async saveProfile(input) {
      const profile = { clerkId: services.settings.profile?.clerkId ?? randomUUID(), ...input };
      await services.settingsStore.update({ profile });
      return profile;
    },

    async savePreferences(next) {
      const previous = services.settings.preferences;
      const hotkeyProblems = services.shell?.apply(next, previous) ?? [];
      // A refused hotkey is not saved: the one that still works is.
      const hotkeys = { ...next.hotkeys };
      for (const problem of hotkeyProblems) hotkeys[problem.action] = problem.kept ?? previous.hotkeys[problem.action];
      const saved = await services.settingsStore.update({ preferences: { ...next, hotkeys } });
      return { preferences: saved.preferences, hotkeyProblems };
    },

    async saveOfficeFiles(officeFiles) {
      const check = await checkOfficeFiles(officeFiles);
      if (!check.ok) {
        const shown = check.problems.slice(0, MAX_PROBLEMS_SHOWN);
        const more = moreProblems(shown.length, check.problemCount);
        throw new ServiceError('bad-input', 'officeFilesInvalid', { problems: [...shown, ...(more ? [more] : [])].join('\n') });
      }
      await services.settingsStore.update({ officeFiles });
      await services.officeContent.adopt(check);
      const { directory, glossary } = services.content;
      return { directory, glossary, officeFiles: services.settings.officeFiles, contentSources: services.contentSources };
    },
  };
}
