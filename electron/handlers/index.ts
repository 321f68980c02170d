import type { AppServices } from '../services/app-services';
import { callHandlers } from './call';
import { callbackHandlers } from './callbacks';
import { deskHandlers } from './desk';
import { directoryHandlers } from './directory';
import type { HandlerTable } from './dispatch';
import { registerHandlers } from './register';
import { settingsHandlers } from './settings';
import { teamHandlers } from './team';

export { dispatch, type HandlerTable } from './dispatch';
export { ServiceError } from './service-error';
export { importFile } from './register';

/**
 * The one implementation of the contract (shared/contract/api.ts), by area;
 * the IPC and HTTP adapters only carry calls to it. The compiler checks the
 * combined table against the contract: a method missing, or one whose
 * input or output does not match its schemas, does not build.
 */
export function createHandlers(services: AppServices): HandlerTable {
  return {
    ...deskHandlers(services),
    ...callHandlers(services),
    ...callbackHandlers(services),
    ...settingsHandlers(services),
    ...directoryHandlers(services),
    ...teamHandlers(services),
    ...registerHandlers(services),
  } satisfies HandlerTable;
}
