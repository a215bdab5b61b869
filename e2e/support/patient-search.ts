import type { Page } from 'playwright-core';

/**
 * Types a search into the console's patient list and waits until the list shows it (the search
 * is applied 250 ms after the last keystroke): clicking a row earlier would race the search.
 */
export async function searchPatients(page: Page, text: string): Promise<void> {
  await page.getByRole('searchbox', { name: /search patients/i }).fill(text);
  await page.waitForURL((url) => url.searchParams.get('q') === text);
}
