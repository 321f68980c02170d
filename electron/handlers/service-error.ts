import type { ApiErrorCode } from '../../shared/contract/api';
import { serviceErrorText, type ServiceErrorKey, type ServiceErrorParams } from '../../shared/contract/service-errors';

/** The values a key's text names, as a rest argument: required where the text has any, absent where it has none. */
export type ParamsArg<K extends ServiceErrorKey> = keyof ServiceErrorParams<K> extends never ? [params?: Record<string, string | number>] : [params: ServiceErrorParams<K> & Record<string, string | number>];

/**
 * An error meant for the person at the screen: a key of the one catalogue
 * (shared/contract/service-errors.ts) with its values. The Polish message is
 * made from the same table the window says it from.
 */
export class ServiceError<K extends ServiceErrorKey = ServiceErrorKey> extends Error {
  readonly params: Record<string, string | number> | undefined;

  constructor(
    readonly code: ApiErrorCode,
    readonly key: K,
    ...[params]: ParamsArg<K>
  ) {
    super(serviceErrorText(key, (params ?? {}) as ServiceErrorParams<K>));
    this.params = params && Object.keys(params).length > 0 ? params : undefined;
  }
}
