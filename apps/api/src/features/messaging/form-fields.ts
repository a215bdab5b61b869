import type { z } from 'zod';
import { validation } from '../../platform/errors.ts';

/** Checks a multipart form's text fields against their contract; VALIDATION with issues if not. */
export function parseFormFields<S extends z.ZodType>(
  schema: S,
  fields: Record<string, string>,
): z.output<S> {
  const parsed = schema.safeParse(fields);
  if (parsed.success) return parsed.data;
  throw validation(
    'Some fields are missing or invalid.',
    parsed.error.issues.map((issue) => ({
      path: issue.path.join('.') || 'form',
      message: issue.message,
    })),
  );
}
