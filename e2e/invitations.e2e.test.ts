import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { checkpoint, launchBrowser, newPage } from './support/browser.ts';
import { signInToConsole } from './support/staff-mfa.ts';
import { searchPatients } from './support/patient-search.ts';

const journey = 'invitations';
const admin = { email: 'admin@demo-pt.example', password: 'harbor-lantern-sunrise-47' };
/** A demo patient (deterministic seed) with both an email address and a phone number. */
const patient = { mrn: 'P000043', name: 'Adams, Joseph', email: 'joseph.adams43@example.com' };

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page } = await newPage(browser, inject('baseUrl')));
});
afterAll(async () => browser.close());

describe('staff journey: invite a patient to the portal, manage invitation templates', () => {
  it('signs in and opens a patient with email and phone on file', async () => {
    await page.goto('/practice');
    await signInToConsole(page, admin);
    await searchPatients(page, patient.mrn);
    await page.getByRole('link', { name: patient.name }).click();
    const card = page.getByRole('region', { name: 'Portal access' });
    await card.getByText('Not invited').waitFor();
    await card.getByRole('button', { name: 'Send portal invitation' }).waitFor();
    await checkpoint(page, journey, '01-portal-access-not-invited');
  });

  it('previews exactly what the patient receives, refreshed when the channels change', async () => {
    await page.getByRole('button', { name: 'Send portal invitation' }).click();
    const dialog = page.getByRole('dialog');
    const email = dialog.getByRole('article', { name: 'Email preview' });
    const sms = dialog.getByRole('article', { name: 'SMS preview' });
    await email.getByText(patient.email).waitFor();
    await sms.getByText(/\d SMS segments?/).waitFor();
    expect(await email.getByText(/Hello Joseph/).count()).toBeGreaterThan(0);
    await checkpoint(page, journey, '02-send-preview');

    await dialog.getByRole('checkbox', { name: 'SMS' }).uncheck();
    await expect.poll(() => sms.count()).toBe(0);
    expect(await dialog.getByRole('combobox', { name: 'SMS template' }).count()).toBe(0);
    await dialog.getByRole('checkbox', { name: 'SMS' }).check();
    await sms.waitFor();
  });

  it('sends, then shows the status and a live countdown before the next send', async () => {
    await page.getByRole('dialog').getByRole('button', { name: 'Send', exact: true }).click();
    const card = page.getByRole('region', { name: 'Portal access' });
    await card.getByText('Invitation sent by Email · SMS.').waitFor();
    await card.getByText('Invited', { exact: true }).waitFor();
    await card.getByText('1 of 5 sends used in the last 24 hours').waitFor();
    const resend = card.getByRole('button', { name: 'Re-send invitation' });
    expect(await resend.getAttribute('aria-disabled')).toBe('true');

    const wait = card.getByText(/You can send again in 0:\d\d/);
    const first = await wait.textContent();
    await expect.poll(() => wait.textContent(), { timeout: 5_000 }).not.toBe(first);
    await checkpoint(page, journey, '03-invited-cooldown');
  });

  it('shows the invitation email and text message in the dev mailbox', async () => {
    await page.getByRole('link', { name: 'Dev mailbox' }).click();
    const email = page.getByRole('article', { name: /^Email: .*portal/i }).first();
    await email.waitFor();
    expect(await email.getByText(patient.email).count()).toBeGreaterThan(0);
    expect(await email.getByText(/\/portal\//).count()).toBeGreaterThan(0);
    const sms = page.getByRole('article', { name: /^Text message to/ }).first();
    await sms
      .getByText(/Joseph/)
      .first()
      .waitFor();
    expect(await sms.getByText(/\/portal\//).count()).toBeGreaterThan(0);
    await checkpoint(page, journey, '04-dev-mailbox');
  });

  it('lists the invitation templates from the settings page', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('link', { name: 'Manage invitation templates' }).click();
    await page.getByRole('heading', { name: 'Invitation templates', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: 'Invitation templates' });
    await expect.poll(() => table.getByText('Built-in').count()).toBe(2);
    await checkpoint(page, journey, '05-templates');
  });

  it('creates an SMS template with a live character and segment counter', async () => {
    await page.getByRole('button', { name: 'New template' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: 'SMS' }).check();
    expect(await dialog.getByRole('textbox', { name: 'Subject' }).count()).toBe(0);
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Short reminder');
    const body = dialog.getByRole('textbox', { name: 'Message' });
    await body.fill('Hi {{patient_first_name}}, {{practice_name}} invites you: ');
    await dialog.getByRole('button', { name: /^Insert \{\{patient_portal_link\}\}/ }).click();
    await expect.poll(() => body.inputValue()).toMatch(/invites you: \{\{patient_portal_link\}\}$/);
    const counter = dialog.getByText(/^\d+ characters · 1 SMS$/);
    await counter.waitFor();
    await checkpoint(page, journey, '06-new-sms-template');

    await body.fill(`${'Please join us online. '.repeat(8)}{{patient_portal_link}}`);
    await dialog.getByText(/^\d+ characters · 2 SMS$/).waitFor();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Edit Short reminder' }).waitFor();
    await checkpoint(page, journey, '07-templates-saved');
  });

  it('invites selected patients from the list, with progress and a summary of who was skipped', async () => {
    await page.getByRole('link', { name: 'Patients', exact: true }).click();
    await searchPatients(page, patient.mrn);
    await page.getByRole('link', { name: patient.name }).waitFor();
    // Invited a moment ago: skipped as sent recently.
    await page.getByRole('checkbox', { name: `Select ${patient.name}` }).check();
    await searchPatients(page, 'P000044');
    await expect.poll(() => page.getByRole('link', { name: patient.name }).count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    await page.getByRole('button', { name: 'Invite selected (2)' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/the 2 selected patients/).waitFor();
    await checkpoint(page, journey, '08-bulk-confirm');
    await dialog.getByRole('button', { name: 'Send invitations' }).click();
    const summary = dialog.getByRole('status');
    await summary
      .getByText(/^Sent \d+ · Skipped \d+: .*1 sent recently/)
      .waitFor({ timeout: 15_000 });
    await checkpoint(page, journey, '09-bulk-summary');
    await dialog.getByRole('button', { name: 'Close', exact: true }).first().click();
    expect(await page.getByRole('button', { name: /^Invite selected/ }).count()).toBe(0);
  });
});
