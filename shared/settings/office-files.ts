import { z } from 'zod';
import { ABSOLUTE_PATH } from './paths';

/**
 * An office's own directory and glossary files, chosen in settings instead
 * of the built-in examples. Paths are absolute (paths.ts) and name a .json
 * file on this computer or a network share.
 *
 * Messages are codes the renderer puts into words, as for the profile.
 */
export const OFFICE_FILE_PATH_MAX = 1024;

const officeFilePath = z
  .string()
  .trim()
  .transform((path) => (path === '' ? null : path))
  .pipe(
    z
      .string()
      .max(OFFICE_FILE_PATH_MAX, 'tooLong')
      .regex(ABSOLUTE_PATH, 'notAbsolute')
      .regex(/\.json$/i, 'notJson')
      .nullable(),
  );

/** A file the directory editor saves to: one an office file may be (absolute, .json). */
export const OfficeFilePathSchema = z.string().trim().min(1, 'required').max(OFFICE_FILE_PATH_MAX, 'tooLong').regex(ABSOLUTE_PATH, 'notAbsolute').regex(/\.json$/i, 'notJson');

export const OfficeFilesInputSchema = z
  .object({
    directory: officeFilePath.nullable(),
    glossary: officeFilePath.nullable(),
  })
  .strict();

export const OfficeFilesSchema = z.object({
  directory: z.string().nullable(),
  glossary: z.string().nullable(),
});
export type OfficeFiles = z.infer<typeof OfficeFilesSchema>;

export const NO_OFFICE_FILES: OfficeFiles = { directory: null, glossary: null };

/** Where the directory or glossary in use came from. */
export const CONTENT_SOURCES = ['built-in', 'office', 'last-good'] as const;
export type ContentSource = (typeof CONTENT_SOURCES)[number];
