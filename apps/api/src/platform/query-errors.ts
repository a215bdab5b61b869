import { DrizzleQueryError } from 'drizzle-orm';

/**
 * Database errors without the data. Drizzle wraps a failed statement in a DrizzleQueryError whose
 * message, `params` and stack hold the SQL and every bound value (names, birth dates, emails);
 * the driver's error under it (`cause`) holds them again in `query`, `params` and `detail`
 * ("Key (mrn)=(…) already exists"). Logs and `last_error` keep only the SQLSTATE and the
 * PostgreSQL message, with any quoted value in that message replaced.
 */

export interface QueryErrorFacts {
  type: string;
  /** SQLSTATE, e.g. 23505 (unique violation). */
  code: string | undefined;
  message: string;
}

interface ErrorLike {
  name?: unknown;
  message: string;
  stack?: unknown;
  code?: unknown;
  cause?: unknown;
}

export function isErrorLike(value: unknown): value is ErrorLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** A DrizzleQueryError, or any error carrying its text ("Failed query: … params: …"). */
export function isQueryError(value: unknown): boolean {
  return (
    value instanceof DrizzleQueryError ||
    (isErrorLike(value) && value.message.includes('Failed query'))
  );
}

/** True when the error or one it wraps (up to 5 deep) is a failed query. */
export function involvesQueryError(value: unknown): boolean {
  let e: unknown = value;
  for (let depth = 0; depth < 6 && isErrorLike(e); depth++) {
    if (isQueryError(e)) return true;
    e = e.cause;
  }
  return false;
}

// PostgreSQL double-quotes both identifiers (constraint "x", relation "y") and values it could
// not accept (… for type date: "Jane"). Quoted text after one of these words is a name.
const identifierWords = new Set([
  'aggregate',
  'collation',
  'column',
  'constraint',
  'cursor',
  'database',
  'domain',
  'extension',
  'function',
  'index',
  'operator',
  'parameter',
  'policy',
  'procedure',
  'relation',
  'role',
  'routine',
  'savepoint',
  'schema',
  'sequence',
  'statement',
  'table',
  'tablespace',
  'trigger',
  'type',
  'view',
]);

/** Replaces quoted values in a PostgreSQL message, keeping quoted identifiers. */
export function withoutQuotedValues(message: string): string {
  return message.replace(/"(?:[^"]|"")*"/g, (quoted, offset: number) => {
    const before = /(\S+)\s*$/.exec(message.slice(0, offset))?.[1]?.toLowerCase() ?? '';
    return identifierWords.has(before) ? quoted : '[value]';
  });
}

/** The safe facts of a failed query: never the SQL, the parameters, the DETAIL or the stack. */
export function queryErrorFacts(error: unknown): QueryErrorFacts {
  const type = error instanceof DrizzleQueryError ? 'DrizzleQueryError' : errorType(error);
  const cause = isErrorLike(error) ? error.cause : undefined;
  if (!isErrorLike(cause) || isQueryError(cause)) {
    return { type, code: undefined, message: 'Database query failed' };
  }
  return {
    type,
    code: typeof cause.code === 'string' ? cause.code : undefined,
    message: withoutQuotedValues(cause.message),
  };
}

/**
 * The stack frames of an error (where it was raised) without its message lines, which for a
 * failed query repeat the SQL and parameters. Undefined when the frames cannot be told apart.
 */
export function framesOf(error: unknown): string | undefined {
  if (!isErrorLike(error) || typeof error.stack !== 'string') return undefined;
  const name = typeof error.name === 'string' ? error.name : 'Error';
  for (const header of [`${name}: ${error.message}`, `Error: ${error.message}`]) {
    if (error.stack.startsWith(header)) return error.stack.slice(header.length);
  }
  return undefined;
}

function errorType(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const ctor = (error as { constructor?: { name?: unknown } }).constructor;
    if (typeof ctor?.name === 'string' && ctor.name !== '') return ctor.name;
  }
  return isErrorLike(error) && typeof error.name === 'string' ? error.name : 'Error';
}
