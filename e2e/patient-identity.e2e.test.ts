import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TOTP } from 'otpauth';
import { checkpoint, launchBrowser, newPage } from './support/browser.ts';
import { signInToConsole } from './support/staff-mfa.ts';
import { searchPatients } from './support/patient-search.ts';
import { latestMessageTo } from './support/mailbox.ts';

/**
 * Issue 3's acceptance journey: staff invite a demo patient; the patient registers from the link
 * in two sittings (closing the browser after step 2), signs out and in email-first, turns on an
 * authenticator app, signs in with it, forgets the password and resets it, and the session that
 * was open elsewhere is gone.
 */
const journey = 'patient-identity';
const admin = { email: 'admin@demo-pt.example', password: 'harbor-lantern-sunrise-47' };
/** A demo patient (deterministic seed) with email and phone, not used by other journeys. */
const patient = {
  mrn: 'P000020',
  name: 'Lopez, Amelia',
  email: 'amelia.lopez20@example.com',
  phone: '+16155550192',
  dob: { month: '12', day: '26', year: '1989' },
};
const password = 'copper-kettle-orchard-velvet-58';
const newPassword = 'midnight-harbor-lantern-quartz-91';

let browser: Browser;
let staff: Page;
let registrationLink = '';
let totpSecret = '';
/** The patient's signed-in session that the password reset must end. */
let signedIn: { context: BrowserContext; page: Page } | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page: staff } = await newPage(browser, inject('baseUrl')));
});
afterAll(async () => browser.close());

const mailbox = (to: string, pattern: RegExp) => latestMessageTo(staff, to, pattern);

async function codeFrom(to: string, pattern: RegExp): Promise<string> {
  const text = await mailbox(to, pattern);
  const code = /\b(\d{6})\b/.exec(text)?.[1];
  if (!code) throw new Error(`no 6-digit code in the message to ${to}`);
  return code;
}

/**
 * The authenticator app. Each code works once and the server accepts the current 30-second step
 * ±1, so every call takes the step after the last one used, waiting when that is still 2 ahead.
 */
let lastTotpStep = 0;
async function nextTotpCode(): Promise<string> {
  const stepNow = () => Math.floor(Date.now() / 30_000);
  const step = Math.max(stepNow(), lastTotpStep + 1);
  while (step > stepNow() + 1) await new Promise((resolve) => setTimeout(resolve, 500));
  lastTotpStep = step;
  const totp = new TOTP({ secret: totpSecret, digits: 6, period: 30, algorithm: 'SHA1' });
  return totp.generate({ timestamp: step * 30_000 });
}

async function signInWithPassword(page: Page, pass: string): Promise<void> {
  await page.goto('/portal/demo-pt');
  await page.getByLabel('Email').fill(patient.email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('input[autocomplete="current-password"]').fill(pass);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

describe('patient identity: invitation → registration → sign-in → MFA → password reset', () => {
  it('staff invite the patient; the dev mailbox shows the email and the text message', async () => {
    await staff.goto('/practice');
    await signInToConsole(staff, admin);
    await searchPatients(staff, patient.mrn);
    await staff.getByRole('link', { name: patient.name }).click();
    const card = staff.getByRole('region', { name: 'Portal access' });
    await card.getByRole('button', { name: 'Send portal invitation' }).click();
    await staff.getByRole('dialog').getByRole('button', { name: 'Send', exact: true }).click();
    await card.getByText('Invited', { exact: true }).waitFor();

    // Wait for the worker to deliver both, then look at them as staff see them.
    const text = await mailbox(patient.email, /\/portal\/register\//);
    registrationLink = /(https?:\/\/\S+\/portal\/register\/[\w-]+)/.exec(text)?.[1] ?? '';
    await mailbox(patient.phone, /\/portal\/register\//);
    await staff.getByRole('link', { name: 'Dev mailbox' }).click();
    await staff
      .getByRole('article', { name: /^Email: .*portal/i })
      .filter({ hasText: patient.email })
      .first()
      .waitFor();
    await staff
      .getByRole('article', { name: /^Text message to/ })
      .filter({ hasText: /Amelia/ })
      .first()
      .waitFor();
    await checkpoint(staff, journey, '01-staff-mailbox-invitation');
    expect(registrationLink).not.toBe('');
  });

  it('step 1: the link shows only the first name and the practice; the account is created', async () => {
    const { context, page } = await newPage(browser, inject('baseUrl'), 'phone');
    await page.goto(new URL(registrationLink).pathname);
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await page.getByText('Hello Amelia').waitFor();
    expect(await page.getByText('Lopez').count()).toBe(0);
    await expect.poll(() => page.getByLabel('Email').inputValue()).toBe(patient.email);
    await page.getByText('Step 1 of 4').first().waitFor();

    // A password that is too short is refused before anything is sent, with the reason.
    await page.getByLabel('Month').fill(patient.dob.month);
    await page.getByLabel('Day').fill(patient.dob.day);
    await page.getByLabel('Year').fill('1990');
    await page.locator('input[autocomplete="new-password"]').fill('password');
    await page.getByRole('checkbox', { name: /I accept the/ }).check();
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Use at least 15 characters.').first().waitFor();
    // A wrong date of birth is refused by the server, with the tries left on this link.
    await page.locator('input[autocomplete="new-password"]').fill(password);
    await page.getByText('This password can be used.').waitFor();
    await page.getByRole('button', { name: 'Create account' }).click();
    await page
      .getByText(/does not match our records\. You have 4 tries left/)
      .first()
      .waitFor();
    await checkpoint(page, journey, '02-register-step1-wrong-dob');

    await page.getByLabel('Year').fill(patient.dob.year);
    await checkpoint(page, journey, '03-register-step1-filled');
    await page.getByRole('button', { name: 'Create account' }).click();

    // Step 2: the 6-digit code from the email.
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await checkpoint(page, journey, '04-register-step2');
    const code = await codeFrom(patient.email, /verification code|code/i);
    await page.getByLabel('Code from the email').fill(code);
    await page.getByRole('button', { name: 'Verify email' }).click();
    await page.getByRole('heading', { name: 'Verify your phone' }).waitFor();
    // The patient closes the browser here.
    await context.close();
  });

  it('reopening the same link on another device resumes at step 3; the phone code completes it', async () => {
    const { page } = await newPage(browser, inject('baseUrl'), 'desktop');
    await page.goto(new URL(registrationLink).pathname);
    await page.getByRole('heading', { name: 'Verify your phone' }).waitFor();
    await page.getByText('Step 3 of 4').first().waitFor();
    await checkpoint(page, journey, '05-register-step3-resumed');

    await page.getByRole('button', { name: 'Text me a code' }).click();
    const code = await codeFrom(patient.phone, /code/i);
    await page.getByLabel('Code we sent you').fill(code);
    await page.getByRole('button', { name: 'Verify phone' }).click();
    await page.getByRole('heading', { name: 'You’re all set' }).waitFor();
    await checkpoint(page, journey, '06-register-complete');

    await page.getByRole('link', { name: 'Go to my portal' }).click();
    await page
      .getByRole('heading', { name: /Amelia/ })
      .first()
      .waitFor();
    await checkpoint(page, journey, '07-portal-home');

    // A completed registration kills the link.
    await page.goto(new URL(registrationLink).pathname);
    await page.getByRole('heading', { name: 'This invitation was already used' }).waitFor();
    await checkpoint(page, journey, '08-link-used');

    await page.goto('/portal/home');
    await page.getByRole('button', { name: 'Sign out' }).first().click();
    await page.getByLabel('Email').waitFor();
    await page.context().close();
  });

  it('signs in email-first, then turns on an authenticator app with recovery codes', async () => {
    const { context, page } = await newPage(browser, inject('baseUrl'), 'desktop');
    await page.goto('/portal/demo-pt');
    await page.getByLabel('Email').fill(patient.email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('input[autocomplete="current-password"]').waitFor();
    await checkpoint(page, journey, '09-sign-in-password-step');
    await page.locator('input[autocomplete="current-password"]').fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page
      .getByRole('heading', { name: /Amelia/ })
      .first()
      .waitFor();

    await page.getByRole('link', { name: 'Security' }).first().click();
    await page.getByRole('heading', { name: 'Security', level: 1 }).waitFor();
    await checkpoint(page, journey, '10-security');
    await page
      .getByRole('region', { name: 'Authenticator app' })
      .getByRole('button', { name: 'Set up' })
      .click();
    await page.getByRole('img', { name: /QR code/ }).waitFor();
    totpSecret =
      (await page.getByLabel('Setup key').first().textContent())?.replace(/\s/g, '') ?? '';
    expect(totpSecret).toMatch(/^[A-Z2-7]{16,}$/);
    await checkpoint(page, journey, '11-totp-setup');
    const app = page.getByRole('region', { name: 'Authenticator app' });
    await app.getByLabel('6-digit code').fill(await nextTotpCode());
    await app.getByRole('button', { name: 'Turn on' }).click();
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await expect.poll(() => codes.count()).toBe(10);
    await checkpoint(page, journey, '12-recovery-codes');
    await page.getByRole('checkbox', { name: 'I have saved my recovery codes' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page
      .getByText(/Turned on/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Sign out' }).first().click();
    await page.getByLabel('Email').waitFor();
    await context.close();
  });

  it('signs in with the password and the authenticator code', async () => {
    const session = await newPage(browser, inject('baseUrl'), 'phone');
    const { page } = session;
    await signInWithPassword(page, password);
    await page.getByRole('heading', { name: 'Confirm it’s you' }).waitFor();
    await checkpoint(page, journey, '13-second-factor');
    await page.getByLabel('Code from your authenticator app').fill(await nextTotpCode());
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page
      .getByRole('heading', { name: /Amelia/ })
      .first()
      .waitFor();
    await page.goto('/portal/sessions');
    await page.getByRole('heading', { name: 'Devices and sessions', level: 1 }).waitFor();
    await checkpoint(page, journey, '14-devices-and-sessions');
    signedIn = session;
  });

  it('forgot password → reset from the email link → the open session is gone', async () => {
    const { context, page } = await newPage(browser, inject('baseUrl'), 'desktop');
    await page.goto('/portal/demo-pt');
    await page.getByLabel('Email').fill(patient.email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByLabel('Email').fill(patient.email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await checkpoint(page, journey, '15-forgot-sent');

    const text = await mailbox(patient.email, /\/portal\/reset-password\//);
    const link = /(https?:\/\/\S+\/portal\/reset-password\/[\w-]+)/.exec(text)?.[1] ?? '';
    expect(link).not.toBe('');
    await page.goto(new URL(link).pathname);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByLabel(/^New password/).fill(newPassword);
    await page.getByLabel('Type the new password again').fill(newPassword);
    await checkpoint(page, journey, '16-reset-form');
    await page.getByRole('button', { name: 'Save new password' }).click();
    await page.getByRole('heading', { name: 'Your password was changed' }).waitFor();
    await checkpoint(page, journey, '17-reset-done');
    await mailbox(patient.email, /password of your Portico patient portal account was changed/);
    await context.close();

    // The session opened before the reset no longer works.
    if (!signedIn) throw new Error('no signed-in session from the previous step');
    await signedIn.page.goto('/portal/home');
    await signedIn.page.getByLabel('Email').waitFor();
    expect(new URL(signedIn.page.url()).pathname).toBe('/portal');
    await signedIn.context.close();
  });

  it('the old password no longer works; the new one does (with the authenticator code)', async () => {
    const { context, page } = await newPage(browser, inject('baseUrl'), 'desktop');
    await signInWithPassword(page, password);
    await page.getByText('The email or password is incorrect.').waitFor();
    await page.locator('input[autocomplete="current-password"]').fill(newPassword);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByLabel('Code from your authenticator app').fill(await nextTotpCode());
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page
      .getByRole('heading', { name: /Amelia/ })
      .first()
      .waitFor();
    await context.close();
  });
});
