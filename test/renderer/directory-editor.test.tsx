import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setApi } from '../../renderer/src/api/instance';
import { DirectoryEditorView } from '../../renderer/src/directory/DirectoryEditorView';
import { useEditorStore } from '../../renderer/src/directory/editor-store';
import { useAppStore } from '../../renderer/src/desk/app-store';
import { i18n } from '../../renderer/src/i18n';
import type { Api } from '../../shared/contract/api';
import { DirectorySchema, GlossarySchema, type Directory, type Glossary } from '../../shared/directory/directory';

/**
 * The lead's directory editor in the window, over a fake service: what it
 * keeps of each file across a save, the identifier of a new entry, removal,
 * and the caller examples that stop a save.
 */
const directory = DirectorySchema.parse(JSON.parse(readFileSync('resources/directory.json', 'utf8')));
const glossary = GlossarySchema.parse(JSON.parse(readFileSync('resources/glossary.json', 'utf8')));
const HASH = 'a'.repeat(64);

function fakeApi(onShare: { directory: Directory; glossary: Glossary }): Partial<Api> {
  return {
    openDirectoryEditor: vi.fn(async () => ({
      directory: { file: '/udzial/katalog.json', hash: HASH, value: onShare.directory, problems: [] },
      glossary: { file: '/udzial/slowniczek.json', hash: HASH, value: onShare.glossary, problems: [] },
    })),
    // As the service answers: the content in use is the app's (read at its start), which may be older than the share's file.
    saveDirectoryEdits: vi.fn(async (edits) => ({
      directory: edits.directory ? DirectorySchema.parse(edits.directory.value) : directory,
      glossary: edits.glossary ? GlossarySchema.parse(edits.glossary.value) : glossary,
      officeFiles: { directory: '/udzial/katalog.json', glossary: '/udzial/slowniczek.json' },
      contentSources: { directory: 'office' as const, glossary: 'office' as const },
      saved: { directory: edits.directory ? { file: edits.directory.file, hash: 'b'.repeat(64) } : null, glossary: edits.glossary ? { file: edits.glossary.file, hash: 'c'.repeat(64) } : null },
      failed: null,
    })),
  };
}

function show(api: Partial<Api>) {
  setApi(api as Api);
  useAppStore.setState({ officeFiles: { directory: '/udzial/katalog.json', glossary: '/udzial/slowniczek.json' } });
  return render(
    <I18nextProvider i18n={i18n}>
      <DirectoryEditorView />
    </I18nextProvider>,
  );
}

beforeEach(() => {
  useEditorStore.setState({ status: 'closed', files: null, opened: null, draft: null, selected: null, attempt: null, lost: [], kind: 'matter', otherFiles: false, accepted: new Set() });
});
afterEach(() => {
  cleanup();
  setApi(null);
});

const saveButton = () => screen.getByRole('button', { name: /Zapisz katalog/ });

describe("the lead's directory editor", () => {
  it("saving the glossary alone keeps the directory as the share has it, not as the app read it at its start", async () => {
    // A colleague renamed a unit on the share after this app started: the editor opened the share's file.
    const onShare = { directory: { ...directory, units: directory.units.map((u, i) => (i === 0 ? { ...u, name: 'Dział Ewidencji (nowa nazwa)' } : u)) }, glossary };
    const api = fakeApi(onShare);
    show(api);
    await screen.findByRole('heading', { name: 'Katalog spraw Urzędu' });
    fireEvent.click(screen.getByRole('button', { name: 'Słowniczek' }));
    fireEvent.click(screen.getByRole('button', { name: glossary.terms[0]!.term }));
    fireEvent.change(screen.getByLabelText('Jak to powiedzieć rozmówcy'), { target: { value: 'Inaczej.' } });
    fireEvent.click(saveButton());
    await screen.findByText(/Zapisano: 1 zmiana\./);
    expect(api.saveDirectoryEdits).toHaveBeenCalledWith(expect.not.objectContaining({ directory: expect.anything() }));
    expect(useEditorStore.getState().draft!.directory.units[0]!.name).toBe('Dział Ewidencji (nowa nazwa)');
    // The next save of the directory carries the colleague's rename, on the hash the directory was opened with.
    fireEvent.click(screen.getByRole('button', { name: 'Sprawy' }));
    fireEvent.click(screen.getByRole('button', { name: directory.matters[1]!.title }));
    fireEvent.change(screen.getByLabelText('Podpowiedź dla pracownika'), { target: { value: 'Nowa podpowiedź.' } });
    fireEvent.click(saveButton());
    await screen.findByText(/Zapisano: 1 zmiana\./);
    const sent = vi.mocked(api.saveDirectoryEdits!).mock.calls[1]![0];
    expect(sent.directory!.baseHash).toBe(HASH);
    expect(sent.directory!.value.units[0]!.name).toBe('Dział Ewidencji (nowa nazwa)');
  });

  it("a new entry's identifier can be typed through one already taken, and stays editable until saved", async () => {
    show(fakeApi({ directory, glossary }));
    await screen.findByRole('heading', { name: 'Katalog spraw Urzędu' });
    fireEvent.click(screen.getByRole('button', { name: 'Dodaj sprawę' }));
    const id = () => screen.getByLabelText('Identyfikator') as HTMLInputElement;
    for (const typed of ['staz', 'staz-dla', 'staz-dla-mlodych']) {
      fireEvent.change(id(), { target: { value: typed } });
      expect(id().readOnly).toBe(false);
    }
    expect(id().value).toBe('staz-dla-mlodych');
    // An entry from the file keeps its identifier: saved calls name it.
    fireEvent.click(screen.getByRole('button', { name: directory.matters[0]!.title }));
    expect(id().readOnly).toBe(true);
  });

  it('a removal asks once more; "Zostaw" keeps the entry', async () => {
    show(fakeApi({ directory, glossary }));
    await screen.findByRole('heading', { name: 'Katalog spraw Urzędu' });
    fireEvent.click(screen.getByRole('button', { name: directory.matters[0]!.title }));
    fireEvent.click(screen.getByRole('button', { name: 'Usuń sprawę' }));
    expect(useEditorStore.getState().draft!.directory.matters).toHaveLength(directory.matters.length);
    // The safe answer has the focus; Esc answers it too.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Zostaw' }));
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByText(/Usunąć ten wpis\?/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Usuń sprawę' }));
    fireEvent.click(screen.getByRole('button', { name: 'Zostaw' }));
    expect(screen.queryByText(/Usunąć ten wpis\?/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Usuń sprawę' }));
    fireEvent.click(within(screen.getByText(/Usunąć ten wpis\?/).parentElement!).getByRole('button', { name: 'Usuń sprawę' }));
    expect(useEditorStore.getState().draft!.directory.matters).toHaveLength(directory.matters.length - 1);
  });

  it('an example that no longer finds its matter stops the save; "Zapisz mimo to" saves; with no examples at all none are spoken of', async () => {
    const withExample = { ...directory, matters: directory.matters.map((m) => (m.id === 'staz' ? { ...m, examples: ['jak zapisać się na staż'] } : m)) };
    const api = fakeApi({ directory: withExample, glossary });
    show(api);
    await screen.findByRole('heading', { name: 'Katalog spraw Urzędu' });
    fireEvent.click(screen.getByRole('button', { name: 'Staż — zasady i nabór' }));
    fireEvent.change(screen.getByLabelText(/Słowa kluczowe/), { target: { value: 'praktyka zawodowa' } });
    fireEvent.change(screen.getByLabelText('Nazwa sprawy'), { target: { value: 'Praktyki' } });
    fireEvent.click(saveButton());
    await screen.findByText(/Nie zapisano: 1 z 1 przykładów rozmówców/);
    expect(api.saveDirectoryEdits).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Zapisz mimo to' }));
    await waitFor(() => expect(api.saveDirectoryEdits).toHaveBeenCalledTimes(1));
    await screen.findByText(/1 z 1 przykładów rozmówców nie trafia na pierwsze miejsce do swojej sprawy \(świadomie\)\./);

    cleanup();
    useEditorStore.setState({ status: 'closed' });
    show(fakeApi({ directory, glossary }));
    await screen.findByRole('heading', { name: 'Katalog spraw Urzędu' });
    fireEvent.click(screen.getByRole('button', { name: directory.matters[0]!.title }));
    fireEvent.change(screen.getByLabelText('Podpowiedź dla pracownika'), { target: { value: 'Inna.' } });
    fireEvent.click(saveButton());
    const said = await screen.findByText(/Zapisano: 1 zmiana\./);
    expect(said.textContent).not.toMatch(/przykład/);
  });
});
