import { errorBody } from '@portico/contracts';
import { ApiError } from './api-client.ts';
import type { Schema } from './api-client.ts';

export interface UploadOptions {
  /** Text parts, sent in this order before the files. */
  fields: Record<string, string | undefined>;
  /** Sent as repeated `files` parts. */
  files: readonly File[];
  /** The `Idempotency-Key` header: one per composed message, reused when it is retried. */
  idempotencyKey: string;
  signal?: AbortSignal;
}

function errorFrom(status: number, data: unknown): ApiError {
  const parsed = errorBody.safeParse(data);
  if (parsed.success) return new ApiError({ status, ...parsed.data });
  const unreachable = status === 502 || status === 503 || status === 504;
  // A proxy may answer 413 before the API sees the request: keep the status meaningful.
  if (status === 413)
    return new ApiError({ status, code: 'PAYLOAD_TOO_LARGE', message: 'Payload too large' });
  return new ApiError({
    status,
    code: unreachable ? 'NETWORK' : 'BAD_RESPONSE',
    message: `HTTP ${status}`,
  });
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

/** POSTs multipart/form-data (text fields, then `files`) and checks the answer's contract. */
export async function apiUpload<T>(path: string, schema: Schema<T>, options: UploadOptions) {
  const form = new FormData();
  for (const [name, value] of Object.entries(options.fields)) {
    if (value !== undefined) form.append(name, value);
  }
  for (const file of options.files) form.append('files', file, file.name);

  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Idempotency-Key': options.idempotencyKey },
      body: form,
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, code: 'NETWORK', message: 'Network error' });
  }
  const data = await readJson(response);
  if (!response.ok) throw errorFrom(response.status, data);
  try {
    return schema.parse(data);
  } catch {
    throw new ApiError({ status: 200, code: 'BAD_RESPONSE', message: 'Unexpected response' });
  }
}
