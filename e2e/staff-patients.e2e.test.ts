import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { checkpoint, launchBrowser, newPage } from './support/browser.ts';
import { signInToConsole } from './support/staff-mfa.ts';

const journey = 'staff-patients';
const admin = { email: 'admin@demo-pt.example', password: 'harbor-lantern-sunrise-47' };

const csv = [
  'First Name,Last Name,DOB,Email,Phone Number,MRN,Favourite Colour',
  'Ada,Quixley,1984-03-09,ada.quixley@example.com,(217) 555-0142,IMP-0001,blue',
  'Bram,Quixley,02/17/1979,,217-555-0143,IMP-0002,green',
  'Cleo,Quixley,1990-11-30,cleo.q@example.com,,IMP-0003,red',
  ',Nameless,1990-01-01,,,IMP-0004,',
  'Dora,Quixley,not-a-date,,,IMP-0005,',
].join('\n');

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page } = await newPage(browser, inject('baseUrl')));
});
afterAll(async () => browser.close());

describe('staff journey: sign in, import a CSV, find, edit, audit', () => {
  it('shows the landing page and the console sign-in', async () => {
    await page.goto('/');
    await checkpoint(page, journey, '01-landing');
    await page.goto('/practice');
    await page.getByLabel('Email').waitFor();
    await checkpoint(page, journey, '02-sign-in');
  });

  it('refuses a wrong password with a clear message', async () => {
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill('not-the-right-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/incorrect/i);
  });

  it('signs in and sees the 50 demo patients', async () => {
    await signInToConsole(page, admin);
    await page.getByRole('searchbox', { name: /search patients/i }).waitFor();
    await expect.poll(() => page.getByText(/of 50\b/).count()).toBeGreaterThan(0);
    await checkpoint(page, journey, '03-patient-list');
  });

  it('previews a CSV with per-row errors and imports the valid rows', async () => {
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'patients.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const importButton = page.getByRole('button', { name: /^Import 3/ });
    await importButton.waitFor();
    await expect.poll(() => page.getByText(/row 5|5/).count()).toBeGreaterThan(0);
    await checkpoint(page, journey, '04-import-preview');
    await importButton.click();
    await page.getByText(/Imported 3/).waitFor({ timeout: 30_000 });
    await checkpoint(page, journey, '05-import-done');
  });

  it('finds an imported patient by name and opens the record', async () => {
    await page.getByRole('link', { name: 'Patients', exact: true }).click();
    await page.getByRole('searchbox', { name: /search patients/i }).fill('quixley ada');
    await page.getByRole('link', { name: /Quixley, Ada/ }).click();
    await page
      .getByRole('heading', { name: /Quixley/ })
      .first()
      .waitFor();
    await expect.poll(() => page.getByText('IMP-0001').count()).toBeGreaterThan(0);
    await checkpoint(page, journey, '06-patient-detail');
  });

  it('edits the record', async () => {
    await page
      .getByRole('link', { name: 'Edit' })
      .or(page.getByRole('button', { name: 'Edit' }))
      .first()
      .click();
    const phone = page.getByLabel('Phone');
    await phone.fill('(217) 555-0199');
    await checkpoint(page, journey, '07-patient-edit');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByText(/555-0199/).count()).toBeGreaterThan(0);
  });

  it('shows the audit entries for this patient', async () => {
    await page.getByRole('link', { name: /audit trail/i }).click();
    await expect.poll(() => page.getByText('patient.update').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('patient.read').count()).toBeGreaterThan(0);
    await checkpoint(page, journey, '08-audit-log');
  });

  it('shows the dev mailbox, clearly labelled', async () => {
    await page.getByRole('link', { name: 'Dev mailbox' }).click();
    await expect
      .poll(() => page.getByText(/not really sent|development mailbox/i).count())
      .toBeGreaterThan(0);
    await checkpoint(page, journey, '09-dev-mailbox');
  });

  it('shows the settings: practice profile, providers and locations', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('table', { name: 'Providers' }).getByText('Dr. Jordan Rivera').waitFor();
    await page.getByRole('table', { name: 'Locations' }).getByText('Downtown Clinic').waitFor();
    await checkpoint(page, journey, '10-settings');
  });

  it('signs out', async () => {
    await page
      .getByRole('button', { name: 'Sign out' })
      .or(page.getByRole('link', { name: 'Sign out' }))
      .first()
      .click();
    await page.getByLabel('Email').waitFor();
  });
});
