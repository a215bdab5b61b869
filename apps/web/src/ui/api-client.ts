import { errorBody } from '@portico/contracts';
import type { ErrorCode, FieldIssue, LinkUnusableReason } from '@portico/contracts';

/** Codes the client adds for failures that never reached the API's error handler. */
export type ClientErrorCode = 'NETWORK' | 'BAD_RESPONSE';

/** An error response from the API (`{code, message, requestId, issues?, retryAfterSeconds?}`). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: ErrorCode | ClientErrorCode;
  readonly requestId: string | null;
  readonly issues: FieldIssue[];
  readonly retryAfterSeconds: number | null;
  /** With LINK_UNUSABLE: why the link cannot be used. */
  readonly reason: LinkUnusableReason | null;

  constructor(init: {
    status: number;
    code: ErrorCode | ClientErrorCode;
    message: string;
    requestId?: string | null;
    issues?: FieldIssue[];
    retryAfterSeconds?: number | null;
    reason?: LinkUnusableReason | null;
  }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId ?? null;
    this.issues = init.issues ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
    this.reason = init.reason ?? null;
  }

  /** True when the message came from the API (and so is written for people). */
  get fromServer(): boolean {
    return this.code !== 'NETWORK' && this.code !== 'BAD_RESPONSE';
  }
}

export function isApiError(error: unknown, code?: ErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** Anything with a Zod-style `parse`; responses are checked against the shared contracts. */
export interface Schema<T> {
  parse: (data: unknown) => T;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A JSON-serialisable body, or FormData for uploads. */
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  /** Polling requests: the API does not extend the session's idle timeout for these. */
  background?: boolean;
  signal?: AbortSignal;
}

function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function toApiError(status: number, body: unknown): ApiError {
  const parsed = errorBody.safeParse(body);
  if (parsed.success) {
    return new ApiError({ status, ...parsed.data });
  }
  // A proxy or load balancer answered instead of the API (e.g. 502 while it restarts).
  const unreachable = status === 502 || status === 503 || status === 504;
  return new ApiError({
    status,
    code: unreachable ? 'NETWORK' : 'BAD_RESPONSE',
    message: `HTTP ${status}`,
  });
}

async function send(path: string, options: RequestOptions): Promise<unknown> {
  const headers = new Headers({ Accept: 'application/json' });
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(options.body);
  }
  if (options.background) headers.set('X-Portico-Background', '1');

  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method: options.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, code: 'NETWORK', message: 'Network error' });
  }
  const data = await readJson(response);
  if (!response.ok) throw toApiError(response.status, data);
  return data;
}

/** Calls the API and checks the response against its contract. */
export async function api<T>(path: string, schema: Schema<T>, options: RequestOptions = {}) {
  const data = await send(path, options);
  try {
    return schema.parse(data);
  } catch {
    throw new ApiError({ status: 200, code: 'BAD_RESPONSE', message: 'Unexpected response' });
  }
}

/** Calls the API when the response body does not matter (e.g. `{ ok: true }`). */
export async function apiVoid(path: string, options: RequestOptions = {}): Promise<void> {
  await send(path, options);
}

/** `{ items: T[] }` for list endpoints whose envelope has no shared schema. */
export function itemsOf<T>(items: Schema<T[]>): Schema<{ items: T[] }> {
  return {
    parse: (data) => {
      if (typeof data !== 'object' || data === null || !('items' in data)) {
        throw new TypeError('Expected an object with items');
      }
      return { items: items.parse(data.items) };
    },
  };
}
