import type { Api, ApiEnvelope, ApiErrorCode, ApiMethod } from '../../../shared/contract/api';
import { API_METHOD_NAMES } from '../../../shared/contract/api-methods';

/**
 * The renderer's one way to the Node side. In the desktop app the preload
 * exposes `window.api`; in web mode the same calls go over HTTP with the
 * per-run token. Components never know which.
 */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode | 'network',
    message: string,
    /** How the window says it in the clerk's language: serverErrors.<key> with these values. */
    readonly key?: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
  }
}

type EnvelopeBridge = Record<ApiMethod, (payload: unknown) => Promise<ApiEnvelope<unknown>>>;

declare global {
  interface Window {
    api?: EnvelopeBridge;
  }
}

const TOKEN_KEY = 'asystent-rozmow.token';

export function createApi(win: Window = window): Api {
  const token = win.api ? null : takeToken(win);
  const bridge = win.api ?? httpBridge(win, token ?? '');
  const api = {} as Record<ApiMethod, (input: unknown) => Promise<unknown>>;
  for (const method of API_METHOD_NAMES) {
    api[method] = async (input: unknown) => unwrap(await bridge[method](input));
  }
  // A browser has no save dialog: the export comes as a download instead, to wherever the person saves downloads.
  if (token !== null) {
    api.exportRegister = (input) => downloadExport(win, token, input);
    // …and no open dialog on the server's side: the page asks for the file and uploads it.
    const byPath = api.importRecords;
    api.importRecords = (input) => ((input as { path: string | null }).path === null ? uploadChosenFile(win, token) : byPath(input));
    // …and the browser prints the page itself, to paper or to a PDF of its own.
    api.printReport = async () => {
      win.print();
      return { path: null };
    };
  }
  return api as unknown as Api;
}

/** Asks for a .jsonl file (the browser's file picker, opened within the click) and uploads it for import. */
function uploadChosenFile(win: Window, token: string): Promise<unknown> {
  const picker = win.document.createElement('input');
  picker.type = 'file';
  picker.accept = '.jsonl,application/x-ndjson,application/jsonl';
  const chosen = new Promise<File | null>((resolve) => {
    picker.addEventListener('change', () => resolve(picker.files?.[0] ?? null), { once: true });
    picker.addEventListener('cancel', () => resolve(null), { once: true });
  });
  picker.click();
  return chosen.then(async (file) => {
    if (!file) return { path: null, imported: 0, otherRecords: 0, duplicates: 0, conflicts: 0, masked: 0, rejected: [], rejectedCount: 0 };
    const response = await post(win, token, '/upload/import', file, 'application/x-ndjson');
    const envelope = (await response.json().catch(() => null)) as ApiEnvelope<{ path: string | null }> | null;
    if (!envelope) throw new ApiError('internal', `HTTP ${response.status}`);
    const result = unwrap(envelope) as { path: string | null };
    return { ...result, path: file.name }; // the name the person chose, not the server's temporary file
  });
}

async function downloadExport(win: Window, token: string, input: unknown): Promise<{ path: string; rows: number }> {
  const response = await post(win, token, '/download/export', JSON.stringify(input), 'application/json');
  if (!response.ok) {
    const envelope = (await response.json().catch(() => null)) as ApiEnvelope<unknown> | null;
    if (envelope && !envelope.ok) unwrap(envelope);
    throw new ApiError('internal', `HTTP ${response.status}`);
  }
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'rejestr-rozmow';
  const url = URL.createObjectURL(await response.blob());
  const link = win.document.createElement('a');
  link.href = url;
  link.download = fileName;
  win.document.body.append(link);
  link.click();
  link.remove();
  win.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { path: fileName, rows: Number(response.headers.get('x-export-rows') ?? 0) };
}

function unwrap(envelope: ApiEnvelope<unknown>): unknown {
  if (envelope.ok) return envelope.result;
  throw new ApiError(envelope.error.code, envelope.error.message, envelope.error.key, envelope.error.params);
}

/** Moves the token from the address bar (#token=…) into this tab's session storage. */
function takeToken(win: Window): string {
  const match = /(?:^#|&)token=([^&]+)/.exec(win.location.hash);
  if (match?.[1]) {
    win.sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    win.history.replaceState(null, '', win.location.pathname + win.location.search);
  }
  return win.sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** A call to the web-mode server with this tab's token; a request that never arrives is a network error. */
async function post(win: Window, token: string, path: string, body: BodyInit, contentType: string): Promise<Response> {
  try {
    return await win.fetch(path, { method: 'POST', headers: { 'content-type': contentType, 'x-asystent-token': token }, body });
  } catch {
    throw new ApiError('network', 'Brak połączenia z usługą aplikacji.');
  }
}

function httpBridge(win: Window, token: string): EnvelopeBridge {
  const bridge = {} as EnvelopeBridge;
  for (const method of API_METHOD_NAMES) {
    bridge[method] = async (payload) => {
      const response = await post(win, token, `/api/${method}`, JSON.stringify(payload ?? {}), 'application/json');
      try {
        return (await response.json()) as ApiEnvelope<unknown>;
      } catch {
        return { ok: false, error: { code: 'internal', message: `HTTP ${response.status}` } };
      }
    };
  }
  return bridge;
}
