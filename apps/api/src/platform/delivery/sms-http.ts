export interface SmsMessage {
  to: string;
  text: string;
}

/** Sends one text message; throws on failure (the worker retries). One implementation per provider. */
export interface SmsSender {
  send(message: SmsMessage): Promise<void>;
}

export interface HttpSmsOptions {
  /** The provider's send endpoint (Twilio-style: form fields `To`, `From`, `Body`). */
  providerUrl: string;
  /** Sent as `Authorization: Bearer …` when present. */
  token: string | undefined;
  from: string;
  timeoutMs?: number;
  /** Injected for tests; the global `fetch` by default. */
  fetch?: typeof fetch;
}

/**
 * A Twilio-style HTTP provider: a form POST, any 2xx is success, anything else a failure.
 * Error messages carry the status only, never the provider's body (it may echo the number or text).
 */
export function createHttpSmsSender(options: HttpSmsOptions): SmsSender {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    async send(message) {
      const headers: Record<string, string> = {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let response: Response;
      try {
        response = await doFetch(options.providerUrl, {
          method: 'POST',
          headers,
          body: new URLSearchParams({ To: message.to, From: options.from, Body: message.text }),
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error',
        });
      } catch (error) {
        throw new Error(`SMS provider unreachable (${reasonOf(error)})`);
      }
      // Read the body so the connection is released; its content is not kept.
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw new Error(`SMS provider answered HTTP ${response.status}`);
    },
  };
}

function reasonOf(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'timed out';
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : 'network error';
}
