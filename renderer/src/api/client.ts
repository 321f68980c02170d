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
  return api as unknown as Api;
}

/**
 * Web mode's half of moving files (the Node side's is services/file-exchange.ts):
 * the page uploads what the person picks, and downloads what the service gave.
 * The methods that use them (export, import) are the contract's, as on the desktop.
 */

/** Files the picker offers: clerks' exported calls, or a directory table saved from a spreadsheet. */
const PICKER_ACCEPTS = { calls: '.jsonl,application/x-ndjson,application/jsonl', 'directory-table': '.csv,.txt,text/csv' } as const;

/** Asks for a file (the browser's file picker, opened within the click) and uploads it; null when none is chosen. */
export async function uploadChosenFile(win: Window = window, what: keyof typeof PICKER_ACCEPTS = 'calls'): Promise<{ upload: string; name: string } | null> {
  const picker = win.document.createElement('input');
  picker.type = 'file';
  picker.accept = PICKER_ACCEPTS[what];
  const chosen = new Promise<File | null>((resolve) => {
    picker.addEventListener('change', () => resolve(picker.files?.[0] ?? null), { once: true });
    picker.addEventListener('cancel', () => resolve(null), { once: true });
  });
  picker.click();
  const file = await chosen;
  if (!file) return null;
  const response = await post(win, takeToken(win), '/files', file, 'application/x-ndjson', { 'x-file-name': encodeURIComponent(file.name) });
  const envelope = (await response.json().catch(() => null)) as ApiEnvelope<{ upload: string }> | null;
  if (!envelope) throw new ApiError('internal', `HTTP ${response.status}`);
  return { upload: (unwrap(envelope) as { upload: string }).upload, name: file.name };
}

/** Saves a file the service gave as a download, to wherever the person saves downloads; its name. */
export async function saveDownload(address: string, win: Window = window): Promise<string> {
  const response = await post(win, takeToken(win), address, '', 'application/json');
  if (!response.ok) {
    const envelope = (await response.json().catch(() => null)) as ApiEnvelope<unknown> | null;
    if (envelope && !envelope.ok) unwrap(envelope);
    throw new ApiError('internal', `HTTP ${response.status}`);
  }
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'plik';
  const url = URL.createObjectURL(await response.blob());
  const link = win.document.createElement('a');
  link.href = url;
  link.download = fileName;
  win.document.body.append(link);
  link.click();
  link.remove();
  win.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return fileName;
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
async function post(win: Window, token: string, path: string, body: BodyInit, contentType: string, extra: Record<string, string> = {}): Promise<Response> {
  try {
    return await win.fetch(path, { method: 'POST', headers: { ...extra, 'content-type': contentType, 'x-asystent-token': token }, body });
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
