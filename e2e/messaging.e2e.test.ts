import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, screenshot } from './support/browser.ts';
import { checkpointBoth } from './support/both-viewports.ts';
import { latestMessageTo } from './support/mailbox.ts';
import { photoJpeg, photoPng, simplePdf } from './support/message-files.ts';
import {
  readMessagingSettings,
  restoreMessagingSettings,
  type MessagingSettings,
} from './support/messaging-settings.ts';
import { signInToConsole } from './support/staff-mfa.ts';

/**
 * Issue 4's acceptance journey: staff start a thread with a PDF → the patient gets a notice
 * without content → signs in, reads it (staff see "Read") → replies with two photos → staff reply
 * → the policy becomes `patients_to_their_providers` → the patient writes to their provider →
 * staff close that thread → the patient sees it read-only. Staff work on a desktop, the patient
 * on a phone; every screen is scanned and photographed on both viewports (`*-desktop.png`,
 * `*-phone.png`). Other journeys may message the same patient: this one's threads are found by
 * their id or a random suffix.
 */
const journey = 'messaging';
const password = 'harbor-lantern-sunrise-47';
const admin = { email: 'admin@demo-pt.example', password };
/** The demo seed's registered patient (MRN P000001): primary provider and location by seed order. */
const patient = {
  email: 'patient@demo-pt.example',
  mrn: 'P000001',
  label: /^Carter, Maria · P000001$/,
  firstName: 'Maria',
  provider: 'Samantha Lee',
  location: 'Westside Clinic',
};
const suffix = randomBytes(4).toString('hex');
const subject = `Home exercise plan ${suffix}`;
const staffBody = `Hello Maria, your home exercise plan is attached (ref ${suffix}). Do the first three exercises twice a day.`;
const pdf = simplePdf(`exercise-plan-${suffix}.pdf`, `Home exercise plan ${suffix}`);
const photos = [
  photoJpeg(`form-page-1-${suffix}.jpg`),
  photoPng(`form-page-2-${suffix}.png`, [
    [40, 110, 200],
    [250, 240, 220],
  ]),
];
const patientReply = `Thank you! Here are both pages of the intake form (ref ${suffix}).`;
const staffReply = `Got them, thank you Maria. See you on Thursday (ref ${suffix}).`;
const newThreadBody = `My knee is sore after the squats. Should I keep doing them? (ref ${suffix}-2)`;

let browser: Browser;
let staff: Page;
let portal: Page;
let original: MessagingSettings | undefined;
let threadId = '';
let patientThreadId = '';

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page: staff } = await newPage(browser, inject('baseUrl'), 'desktop'));
  ({ page: portal } = await newPage(browser, inject('baseUrl'), 'phone'));
});
// A failed step leaves what both sides were looking at (failed-<step>-staff/patient.png).
afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail') return;
  const step = task.name.slice(0, 40).replace(/[^A-Za-z0-9]+/g, '-');
  await screenshot(staff, journey, `failed-${step}-staff`).catch(() => undefined);
  await screenshot(portal, journey, `failed-${step}-patient`).catch(() => undefined);
});
afterAll(async () => {
  // The practice's policy goes back to what it was, whatever happened above.
  if (original) await restoreMessagingSettings(staff, original);
  await browser.close();
});

const idFrom = (page: Page, prefix: string) =>
  new URL(page.url()).pathname.slice(prefix.length).replace(/\/$/, '');

/** The portal's navigation: on a phone it is behind the menu button. */
async function portalNav(page: Page, name: RegExp): Promise<void> {
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) await menu.click();
  await page.locator('#portal-navigation').getByRole('link', { name }).click();
}

const staffThread = async (id: string) => {
  await staff.goto(`/practice/messages/${id}`);
  await staff.getByRole('region', { name: 'Thread details' }).waitFor();
};

// Every screen is scanned and photographed twice (phone and desktop): more time than the default.
describe(
  'secure messaging: staff thread → notice → read → replies → patient-started thread → closed',
  { timeout: 240_000 },
  () => {
    it('staff start a thread with a PDF from the inbox', async () => {
      await staff.goto('/practice');
      await signInToConsole(staff, admin);
      original = await readMessagingSettings(staff);

      await staff
        .getByRole('link', { name: /^Messages/ })
        .first()
        .click();
      await staff.getByRole('heading', { name: 'Messages', level: 1 }).waitFor();
      await staff.getByRole('table', { name: 'Message threads' }).waitFor();
      await checkpointBoth(staff, journey, '01-staff-inbox');

      await staff.getByRole('button', { name: 'New message' }).click();
      const dialog = staff.getByRole('dialog', { name: 'New message' });
      await dialog.getByLabel(/^Patient/).fill('Carter');
      await staff.getByRole('option', { name: patient.label }).click();
      await dialog.getByRole('textbox', { name: 'Subject', exact: true }).fill(subject);
      await dialog.getByRole('textbox', { name: 'Message', exact: true }).fill(staffBody);
      await dialog.locator('input[type="file"]').setInputFiles(pdf);
      await dialog.getByRole('list', { name: '1 file attached' }).getByText(pdf.name).waitFor();
      await checkpointBoth(staff, journey, '02-staff-new-message');

      await dialog.getByRole('button', { name: 'Send message' }).click();
      await staff.getByRole('heading', { name: subject, level: 1 }).waitFor();
      threadId = idFrom(staff, '/practice/messages/');
      expect(threadId).not.toBe('');
      const sent = staff.getByRole('article', { name: 'Message from Alex Admin' });
      await sent.getByText(staffBody).waitFor();
      await sent.getByRole('link', { name: pdf.name }).waitFor();
      await sent.getByText('Not read yet').waitFor();
      await checkpointBoth(staff, journey, '03-staff-thread-sent');
    });

    it('the patient is told by email that a message waits, with a link and without its content', async () => {
      const text = await latestMessageTo(staff, patient.email, new RegExp(`/messages/${threadId}`));
      expect(text).toMatch(new RegExp(`https?://\\S+/portal/messages/${threadId}`));
      expect(text).not.toContain(subject);
      expect(text).not.toContain(staffBody);
      expect(text).not.toContain(suffix);
      expect(text).not.toContain('Carter');

      await staff.getByRole('link', { name: 'Dev mailbox' }).click();
      await staff.getByRole('heading', { name: 'Dev mailbox', level: 1 }).waitFor();
      await staff
        .getByRole('article', { name: /^Email: You have a new message/ })
        .filter({ hasText: threadId })
        .first()
        .waitFor();
      await checkpointBoth(staff, journey, '04-staff-dev-mailbox-notice');
    });

    it('the patient signs in on a phone, opens Messages and reads the thread; staff see "Read"', async () => {
      await portal.goto('/portal/demo-pt');
      await portal.getByLabel('Email').fill(patient.email);
      await portal.getByRole('button', { name: 'Continue' }).click();
      await portal.locator('input[autocomplete="current-password"]').fill(password);
      await portal.getByRole('button', { name: 'Sign in', exact: true }).click();
      await portal.getByRole('heading', { name: /Maria/ }).first().waitFor();

      await portalNav(portal, /^Messages/);
      await portal.getByRole('heading', { name: 'Messages', level: 1 }).waitFor();
      const item = portal.getByRole('listitem').filter({ hasText: subject });
      await item.getByText(/^\d+ new$/).waitFor();
      await checkpointBoth(portal, journey, '05-patient-messages-unread');

      await item.getByRole('link', { name: subject }).click();
      await portal.getByRole('heading', { name: subject, level: 1 }).waitFor();
      await portal.getByText(staffBody).waitFor();
      const download = portal.getByRole('link', { name: new RegExp(`^Download ${pdf.name}`) });
      await download.waitFor();
      await checkpointBoth(portal, journey, '06-patient-thread');

      // The attachment link gives the file, as an attachment, to this patient.
      const href = (await download.getAttribute('href')) ?? '';
      const file = await portal.request.get(href);
      expect(file.status()).toBe(200);
      expect(file.headers()['content-disposition']).toMatch(/^attachment/);
      expect(file.headers()['x-content-type-options']).toBe('nosniff');
      expect((await file.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

      await staffThread(threadId);
      const sent = staff.getByRole('article', { name: 'Message from Alex Admin' });
      await sent.getByText(/^Read by patient · /).waitFor();
      await checkpointBoth(staff, journey, '07-staff-thread-read');
    });

    it('the patient replies with two photos', async () => {
      const reply = portal.getByRole('region', { name: 'Reply' });
      await reply.getByRole('textbox', { name: 'Message', exact: true }).fill(patientReply);
      await reply.locator('input[type="file"]').setInputFiles(photos);
      await reply.getByText('2 of 10 files').waitFor();
      for (const photo of photos) await reply.getByText(photo.name).waitFor();
      await checkpointBoth(portal, journey, '08-patient-reply-with-photos');

      await reply.getByRole('button', { name: 'Send', exact: true }).click();
      await reply.getByRole('status').getByText('Your message was sent.').waitFor();
      const mine = portal.getByRole('listitem').filter({ hasText: patientReply });
      for (const photo of photos)
        await mine.getByRole('link', { name: new RegExp(`^Download ${photo.name}`) }).waitFor();
      await mine.getByText('Delivered').waitFor();
      await checkpointBoth(portal, journey, '09-patient-reply-sent');
    });

    it('staff see the photos and reply; the patient sees the reply and "Read by the practice"', async () => {
      await staffThread(threadId);
      const fromPatient = staff.getByRole('article').filter({ hasText: patientReply });
      const files = fromPatient.getByRole('list', { name: '2 attachments' });
      for (const photo of photos) await files.getByRole('link', { name: photo.name }).waitFor();

      const reply = staff.getByRole('region', { name: 'Reply' });
      await reply.getByRole('textbox', { name: 'Your reply' }).fill(staffReply);
      await reply.getByRole('button', { name: 'Send reply' }).click();
      await reply.getByText(/^Reply sent\./).waitFor();
      await staff.getByRole('article').filter({ hasText: staffReply }).waitFor();
      await checkpointBoth(staff, journey, '10-staff-replied');

      await portal.reload();
      await portal.getByText(staffReply).waitFor();
      const mine = portal.getByRole('listitem').filter({ hasText: patientReply });
      await mine.getByText(/^Read by the practice · /).waitFor();
      await checkpointBoth(portal, journey, '11-patient-sees-reply');
    });

    it('an admin lets patients write to their own providers (Settings → Messaging)', async () => {
      await staff.getByRole('link', { name: 'Settings', exact: true }).click();
      const section = staff.getByRole('region', { name: 'Messaging', exact: true });
      await section.getByRole('radio', { name: 'Patients, to their own providers' }).check();
      await section.getByRole('button', { name: 'Save' }).click();
      await section.getByText('Messaging settings saved.').waitFor();
      await expect
        .poll(async () => (await readMessagingSettings(staff)).policy)
        .toBe('patients_to_their_providers');
      await checkpointBoth(staff, journey, '12-staff-messaging-settings');
    });

    it('the patient starts a new thread to their provider, with a live counter', async () => {
      await portalNav(portal, /^Messages/);
      await portal.getByRole('heading', { name: 'Messages', level: 1 }).waitFor();
      await portal.getByRole('link', { name: 'New message' }).first().click();
      await portal.getByRole('heading', { name: 'New message', level: 1 }).waitFor();

      const to = portal.getByRole('combobox', { name: 'To', exact: true });
      const people = await to.locator('option:not([disabled])').allTextContents();
      expect(people).toContain(patient.provider);
      // Under this policy only providers the patient has seen: not the office staff.
      expect(people).not.toContain('Office staff');
      await to.selectOption({ label: patient.provider });
      const location = portal.getByRole('combobox', { name: 'Office location' });
      if ((await location.count()) > 0) await location.selectOption({ label: patient.location });
      await portal
        .getByRole('combobox', { name: 'Subject', exact: true })
        .selectOption({ label: 'Exercise program' });
      await portal.getByRole('textbox', { name: 'Message', exact: true }).fill(newThreadBody);
      await portal.getByText(`${newThreadBody.length} / 1,000`).waitFor();
      await checkpointBoth(portal, journey, '13-patient-new-message');

      await portal.getByRole('button', { name: 'Send', exact: true }).click();
      await portal.getByRole('heading', { name: 'Exercise program', level: 1 }).waitFor();
      patientThreadId = idFrom(portal, '/portal/messages/');
      expect(patientThreadId).not.toMatch(/^(new)?$/);
      await portal.getByText(`With ${patient.provider}`).first().waitFor();
      await portal.getByText(newThreadBody).waitFor();
      await checkpointBoth(portal, journey, '14-patient-new-thread');
    });

    it('staff find it in the inbox, routed to the provider, and close it', async () => {
      await staff
        .getByRole('link', { name: /^Messages/ })
        .first()
        .click();
      const row = staff.getByRole('row').filter({ hasText: newThreadBody });
      await row.waitFor();
      await checkpointBoth(staff, journey, '15-staff-inbox-patient-thread');

      await row.locator(`a[href$="/practice/messages/${patientThreadId}"]`).click();
      const details = staff.getByRole('region', { name: 'Thread details' });
      await details.getByText(`Provider: ${patient.provider}`).waitFor();
      await staff.getByText(newThreadBody).waitFor();
      await details.getByRole('button', { name: 'Close thread' }).click();
      await details.getByRole('button', { name: 'Reopen thread' }).waitFor();
      await staff.getByText('This thread is closed').waitFor();
      await checkpointBoth(staff, journey, '16-staff-thread-closed');
    });

    it('the patient sees the closed thread read-only, with the explanation', async () => {
      await portal.goto(`/portal/messages/${patientThreadId}`);
      await portal.getByRole('heading', { name: 'Exercise program', level: 1 }).waitFor();
      await portal.getByText('This conversation is closed').waitFor();
      await portal.getByText(/^You can’t reply here any more\./).waitFor();
      expect(await portal.getByRole('region', { name: 'Reply' }).count()).toBe(0);
      expect(await portal.getByRole('textbox', { name: 'Message', exact: true }).count()).toBe(0);
      await checkpointBoth(portal, journey, '17-patient-thread-closed');

      await portal.getByRole('link', { name: 'All messages' }).click();
      const item = portal
        .getByRole('listitem')
        .filter({ has: portal.locator(`a[href$="/portal/messages/${patientThreadId}"]`) });
      await item.getByText('Closed', { exact: true }).waitFor();
      await checkpointBoth(portal, journey, '18-patient-messages-closed-badge');
    });
  },
);
