import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { checkpoint, launchBrowser, newPage } from './support/browser.ts';

const journey = 'portal';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser.close());

describe('patient portal landing (phone first)', () => {
  it("shows the practice's name and the email-first sign-in on a phone", async () => {
    const { page, context } = await newPage(browser, inject('baseUrl'), 'phone');
    await page.goto('/portal/demo-pt');
    await page.getByText('Demo Physical Therapy').first().waitFor();
    await expect.poll(() => page.getByText(/invitation/i).count()).toBeGreaterThan(0);
    await checkpoint(page, journey, '01-practice-portal-phone');
    await page.getByLabel('Email').fill('someone@example.com');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Password').waitFor();
    await checkpoint(page, journey, '02-password-step-phone');
    await context.close();
  });

  it('shows the generic portal on a desktop and a friendly page for an unknown practice', async () => {
    const { page, context } = await newPage(browser, inject('baseUrl'), 'desktop');
    await page.goto('/portal');
    await page.getByLabel('Email').waitFor();
    await checkpoint(page, journey, '03-generic-portal-desktop');
    await page.goto('/portal/no-such-practice');
    await expect
      .poll(() => page.getByText(/not found|couldn.t find|could not find/i).count())
      .toBeGreaterThan(0);
    await checkpoint(page, journey, '04-unknown-practice');
    await context.close();
  });
});
