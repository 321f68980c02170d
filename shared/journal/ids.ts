import { z } from 'zod';

/**
 * A record's, a clerk's or a call's id: a UUID as this app writes it, in
 * lower case. The same id in capitals is the same UUID to a reader but
 * another string to every comparison: an import could hold one call twice
 * with other content and no conflict said.
 */
export const lowerCaseUuid = () => z.string().uuid().regex(/^[0-9a-f-]+$/, 'identyfikator pisany małymi literami');
