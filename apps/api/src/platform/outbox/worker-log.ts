/** What the worker needs from a logger (pino fits). Fields hold ids, counts and sanitized error text only. */
export interface WorkerLog {
  error(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}
