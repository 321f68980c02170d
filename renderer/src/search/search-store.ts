import { getApi } from '../api/instance';

/**
 * What the search panel tells the service: a search the clerk left without
 * a result (shared/directory/search-misses.ts). Nothing waits for it and a
 * failure is not said — the count is the lead's, the clerk's screen is
 * unchanged.
 */
export const searchActions = {
  countMiss(phrase: string | null): void {
    if (phrase) void getApi().countSearchMiss({ query: phrase }).catch(() => undefined);
  },
};
