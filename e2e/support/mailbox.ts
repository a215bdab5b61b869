import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/**
 * The text of the newest dev-mailbox message to `to` whose text matches `pattern`, read through
 * the signed-in admin's page (the mailbox API is admin-only). Waits for delivery by the worker.
 */
export async function latestMessageTo(admin: Page, to: string, pattern: RegExp): Promise<string> {
  let found = '';
  await expect
    .poll(
      async () => {
        const res = await admin.request.get('/api/practice/dev-mailbox?pageSize=50', {
          headers: { 'x-portico-background': '1' },
        });
        if (!res.ok()) throw new Error(`dev mailbox: ${res.status()}`);
        const body = (await res.json()) as { items: { to: string; text: string }[] };
        const digits = (value: string) => value.replace(/\D/g, '');
        const message = body.items.find(
          (m) =>
            (to.includes('@')
              ? m.to.toLowerCase().includes(to.toLowerCase())
              : digits(m.to).endsWith(digits(to))) && pattern.test(m.text),
        );
        found = message?.text ?? '';
        return found !== '';
      },
      { timeout: 15_000, interval: 250 },
    )
    .toBe(true);
  return found;
}
