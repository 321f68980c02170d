import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StaleMatters } from '../../renderer/src/settings/StaleMatters';
import { i18n } from '../../renderer/src/i18n';
import { DirectorySchema } from '../../shared/directory/directory';

/** Each item drawn asks for its matter's owner once: counting the asks counts the items drawn. */
const drawn = vi.hoisted(() => ({ items: 0 }));
vi.mock('../../shared/directory/freshness', async (original) => {
  const real = await original<typeof import('../../shared/directory/freshness')>();
  return { ...real, ownerOf: (...args: Parameters<typeof real.ownerOf>) => (drawn.items++, real.ownerOf(...args)) };
});

/**
 * The lead's list of matters due for checking: an office file with hundreds
 * due is laid out only when the list is opened, and a page at a time.
 */
const builtIn = DirectorySchema.parse(JSON.parse(readFileSync('resources/directory.json', 'utf8')));
const withDue = (count: number) => ({
  ...builtIn,
  matters: Array.from({ length: count }, (_, i) => ({ ...builtIn.matters[0]!, id: `sprawa-${i}`, title: `Sprawa ${String(i).padStart(3, '0')}`, checked: '2020-01-10', reviewBy: undefined })),
});

afterEach(cleanup);

describe("the lead's list of matters due for checking", () => {
  it('120 due: the count in the summary, nothing laid out until opened, then 50 at a time until all are shown', () => {
    render(
      <I18nextProvider i18n={i18n}>
        <StaleMatters directory={withDue(120)} />
      </I18nextProvider>,
    );
    const summary = screen.getByText('120 spraw do sprawdzenia');
    expect(document.querySelectorAll('.stale-matters li')).toHaveLength(0);
    const details = summary.closest('details')!;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    expect(document.querySelectorAll('.stale-matters li')).toHaveLength(50);
    fireEvent.click(screen.getByRole('button', { name: 'Pokaż więcej (zostało 70)' }));
    expect(document.querySelectorAll('.stale-matters li')).toHaveLength(100);
    fireEvent.click(screen.getByRole('button', { name: 'Pokaż więcej (zostało 20)' }));
    expect(document.querySelectorAll('.stale-matters li')).toHaveLength(120);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('typing elsewhere in the form draws none of it again: the list is drawn only when the directory changes', () => {
    const directory = withDue(300);
    const form = (typed: string, shown = directory) => (
      <I18nextProvider i18n={i18n}>
        <input value={typed} readOnly />
        <StaleMatters directory={shown} />
      </I18nextProvider>
    );
    const { rerender } = render(form(''));
    const details = document.querySelector('details')!;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    expect(document.querySelectorAll('.stale-matters li')).toHaveLength(50);
    const itemsDrawn = drawn.items;
    for (const typed of ['C', 'C:', 'C:/P', 'C:/PU']) rerender(form(typed));
    expect(drawn.items).toBe(itemsDrawn);
    // Another directory (a file saved): drawn again.
    rerender(form('C:/PU', withDue(300)));
    expect(drawn.items).toBe(itemsDrawn + 50);
  });

  it('none due: the next day one will be, with its title', () => {
    render(
      <I18nextProvider i18n={i18n}>
        <StaleMatters directory={{ ...builtIn, matters: [{ ...builtIn.matters[0]!, checked: '2099-03-01', reviewBy: undefined }] }} />
      </I18nextProvider>,
    );
    expect(screen.getByText(`Wszystkie sprawy są sprawdzone w terminie. Najbliższy termin: 1 marca 2100 r. (${builtIn.matters[0]!.title}).`)).toBeTruthy();
  });
});
