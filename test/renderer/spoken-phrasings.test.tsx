import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en';
import { pl } from '../../renderer/src/i18n/pl';

/**
 * The phrasings the UI itself offers the clerk to say (the de-escalation
 * card) hold no placeholder either; the scripts, routing and invitation
 * lines are checked in test/shared/spoken-sentences.test.ts.
 */
const PLACEHOLDER = /do uzupełnienia|[«»…{}]|(?<![0-9])000(?![0-9])/iu;

describe('phrasings to say, in the UI’s own texts', () => {
  it.each([
    ['pl', pl],
    ['en', en],
  ] as const)('%s: the de-escalation card', (_, messages) => {
    const said = Object.entries(messages.deescalation.steps).map(([step, { say }]) => [step, say] as const);
    expect(said.length).toBeGreaterThan(3);
    expect(said.filter(([, say]) => PLACEHOLDER.test(say))).toEqual([]);
  });
});
