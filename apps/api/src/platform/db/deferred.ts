import type { Tx } from './database.ts';

const deferredStatements = Symbol('portico.deferredStatements');
type Deferring = Tx & { [deferredStatements]?: string[] };

/**
 * Lets a transaction carry statements that run just before its COMMIT, in the same round trip.
 * The PostgreSQL driver enables it; PGlite (in-process, no round trips) does not need it.
 */
export function enableDeferral(tx: Tx): string[] {
  const statements: string[] = [];
  (tx as Deferring)[deferredStatements] = statements;
  return statements;
}

/**
 * Queues a complete SQL statement (every literal already escaped) to run with the COMMIT. It
 * commits if and only if the transaction does. Returns false when this transaction cannot defer,
 * in which case the caller runs the statement now.
 */
export function deferToCommit(tx: Tx, statement: string): boolean {
  const statements = (tx as Deferring)[deferredStatements];
  if (!statements) return false;
  statements.push(statement);
  return true;
}
