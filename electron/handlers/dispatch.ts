import { ZodError, type z } from 'zod';
import { apiContract, describeIssues, isApiMethod, polishIssueMessages, type ApiContract, type ApiEnvelope, type ApiErrorCode, type ApiMethod, type ApiOutput } from '../../shared/contract/api';
import { serviceErrorText, type ServiceErrorKey } from '../../shared/contract/service-errors';
import { DataDirLostError } from '../services/data-dir-lock';
import { ServiceError } from './service-error';
import { PATH_NAMED, storageError, unexpectedError } from './storage-errors';

type HandlerInput<M extends ApiMethod> = z.output<ApiContract[M]['input']>;
/** The one implementation of the contract: a handler per method, each checked against its schemas by the compiler. */
export type HandlerTable = { [M in ApiMethod]: (input: HandlerInput<M>) => Promise<ApiOutput<M>> };
/** The handlers of one area (the call, callbacks, settings, …), combined into the table in index.ts. */
export type Handlers<M extends ApiMethod> = Pick<HandlerTable, M>;

/**
 * Validates a call's input, runs the handler and wraps the outcome in an
 * envelope. Shared by both transports so they cannot drift apart: the same
 * bad payload gets the same answer over IPC and over HTTP.
 */
export async function dispatch(handlers: HandlerTable, method: string, payload: unknown): Promise<ApiEnvelope<unknown>> {
  if (!isApiMethod(method)) return fail('bad-input', 'unknownMethod', { method });
  const contract = apiContract[method];
  const parsed = contract.input.safeParse(payload ?? {}, { error: polishIssueMessages });
  if (!parsed.success) return fail('bad-input', 'badInput', { detail: describeIssues(parsed.error) });
  try {
    const handler = handlers[method] as (input: unknown) => Promise<unknown>;
    const result = await handler(parsed.data);
    return { ok: true, result: contract.output.parse(result) };
  } catch (error) {
    return failureOf(method, error);
  }
}

type Failure = Extract<ApiEnvelope<never>, { ok: false }>;

/** What a failed method says: its own refusal, the data directory lost, a disk error for what it was doing, or an unforeseen one. */
export function failureOf(method: ApiMethod, error: unknown): Failure {
  if (error instanceof ServiceError) return { ok: false, error: { code: error.code, message: error.message, key: error.key, ...(error.params ? { params: error.params } : {}) } };
  if (error instanceof DataDirLostError) return fail('storage', 'dataDirLost');
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    const path = (error as { path?: unknown }).path;
    const key = storageError(method, code, typeof path === 'string' ? path : undefined);
    return fail('storage', key, { code, ...(PATH_NAMED.has(key) && typeof path === 'string' ? { path } : {}) });
  }
  if (error instanceof ZodError) {
    // A record the journal refuses (a clock far off, a value out of bounds): said, not an internal error.
    return fail('bad-input', 'recordInvalid', { detail: describeIssues(error) });
  }
  console.error(`[api] ${method} failed:`, error);
  return fail('internal', unexpectedError(method));
}

/** An envelope of a catalogue error; its message is the catalogue's Polish. */
export function fail(code: ApiErrorCode, key: ServiceErrorKey, params?: Record<string, string | number>): Failure {
  const message = serviceErrorText(key, (params ?? {}) as never);
  return { ok: false, error: { code, message, key, ...(params ? { params } : {}) } };
}
