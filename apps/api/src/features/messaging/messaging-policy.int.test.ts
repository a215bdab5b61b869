import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComposeOptions, MessagingPolicyName } from '@portico/contracts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { portalClient, registeredPatient, signInPatient } from '../portal-accounts/test-support.ts';
import { staffClient } from '../patients/test-support.ts';
import {
  messagingWorld,
  postMessage,
  setPolicy,
  storedCounts,
  type MessagingWorld,
} from './test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** A practice with two providers and a location; the patient's primary provider is the first. */
async function worldWithProviders() {
  const practice = await t.newPractice(['admin']);
  const admin = { cookie: practice.cookie };
  const make = async (url: string, body: Record<string, unknown>) => {
    const res = await t.fastify.inject({
      method: 'POST',
      url,
      headers: { cookie: admin.cookie },
      payload: body,
    });
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json<{ id: string }>().id;
  };
  const theirs = await make('/api/practice/providers', {
    displayName: 'Dr. Ada Park',
    active: true,
  });
  const other = await make('/api/practice/providers', {
    displayName: 'Dr. Ben Ortiz',
    active: true,
  });
  const location = await make('/api/practice/locations', {
    name: 'Main Street Clinic',
    timeZone: 'America/New_York',
    active: true,
  });
  const patient = await registeredPatient(t, practice, {
    patient: {
      firstName: 'Lena',
      lastName: 'Marsh',
      dateOfBirth: '1982-06-07',
      primaryProviderId: theirs,
      primaryLocationId: location,
    },
  });
  const patientCookie = await signInPatient(t, patient.email, patient.password);
  const w: MessagingWorld = {
    practice,
    staffCookie: practice.cookie,
    staff: staffClient(t, practice.cookie),
    patient,
    patientCookie,
    portal: portalClient(t, patientCookie),
  };
  return { w, theirs, other, location };
}

const patientStarts = (w: MessagingWorld, fields: Record<string, string>) =>
  postMessage(t, w.patientCookie, '/api/portal/messages/threads', {
    topic: 'medical_question',
    body: 'My knee hurts after the new exercises.',
    ...fields,
  });

describe('who may start a thread, under each practice policy', () => {
  let ctx: Awaited<ReturnType<typeof worldWithProviders>>;
  beforeAll(async () => {
    ctx = await worldWithProviders();
  });

  const cases: {
    policy: MessagingPolicyName;
    toTheirs: number;
    toOther: number;
    toOffice: number;
  }[] = [
    { policy: 'practice_only', toTheirs: 403, toOther: 403, toOffice: 403 },
    { policy: 'patients_to_their_providers', toTheirs: 201, toOther: 403, toOffice: 403 },
    { policy: 'patients_to_anyone', toTheirs: 201, toOther: 201, toOffice: 201 },
  ];

  for (const c of cases) {
    it(`${c.policy}: staff always; the patient to their provider ${c.toTheirs}, another ${c.toOther}, office staff ${c.toOffice}`, async () => {
      const { w, theirs, other } = ctx;
      await setPolicy(t, w, c.policy);
      const before = await storedCounts(t, w.practice.practiceId);

      const staff = await postMessage(t, w.staffCookie, '/api/practice/messages/threads', {
        patientId: w.patient.patientId,
        subject: 'Checking in',
        body: 'How are the exercises going?',
      });
      expect(staff.statusCode).toBe(201);

      expect((await patientStarts(w, { providerId: theirs })).statusCode).toBe(c.toTheirs);
      expect((await patientStarts(w, { providerId: other })).statusCode).toBe(c.toOther);
      expect((await patientStarts(w, {})).statusCode).toBe(c.toOffice);

      const created = [c.toTheirs, c.toOther, c.toOffice].filter((s) => s === 201).length;
      const after = await storedCounts(t, w.practice.practiceId);
      expect(after.threads - before.threads).toBe(1 + created);

      const options = (
        await w.portal.get('/api/portal/messages/compose-options')
      ).json<ComposeOptions>();
      expect(options.allowed).toBe(c.policy !== 'practice_only');
      expect(options.officeStaffAllowed).toBe(c.toOffice === 201);
      expect(options.providers.map((p) => p.id).sort()).toEqual(
        [c.toTheirs === 201 ? theirs : null, c.toOther === 201 ? other : null]
          .filter((id): id is string => id !== null)
          .sort(),
      );
    });
  }

  it('routes a patient-started thread to the chosen provider and location, with a subject from the topic', async () => {
    const { w, theirs, location } = ctx;
    await setPolicy(t, w, 'patients_to_their_providers');
    const res = await patientStarts(w, {
      providerId: theirs,
      locationId: location,
      topic: 'billing',
    });
    expect(res.statusCode).toBe(201);
    const { threadId } = res.json<{ threadId: string }>();
    const inbox = await w.staff.get(
      `/api/practice/messages/threads?providerId=${theirs}&locationId=${location}`,
    );
    const items = inbox.json<{
      items: { id: string; subject: string; topic: string; startedBy: string }[];
    }>().items;
    const row = items.find((item) => item.id === threadId);
    expect(row).toMatchObject({
      id: threadId,
      subject: 'Billing',
      topic: 'billing',
      startedBy: 'patient',
    });
  });

  it('refuses a provider or location of another practice as a validation error', async () => {
    const { w } = ctx;
    await setPolicy(t, w, 'patients_to_anyone');
    const elsewhere = await worldWithProviders();
    const res = await patientStarts(w, { providerId: elsewhere.theirs });
    expect(res.statusCode).toBe(400);
    const loc = await patientStarts(w, { locationId: elsewhere.location });
    expect(loc.statusCode).toBe(400);
  });

  it('only admins change the policy, and a stale version is a conflict', async () => {
    const w = await messagingWorld(t);
    const clinician = w.practice.staff.clinician?.cookie ?? '';
    const settings = await w.staff.get('/api/practice/messaging-settings');
    expect(settings.json()).toEqual({
      policy: 'practice_only',
      autoCloseHours: 48,
      guidelineBanner: '',
      version: 1,
    });
    const body = {
      policy: 'patients_to_anyone',
      autoCloseHours: 24,
      guidelineBanner: 'We reply within 2 business days.',
      version: 1,
    };
    const denied = await t.fastify.inject({
      method: 'PUT',
      url: '/api/practice/messaging-settings',
      headers: { cookie: clinician },
      payload: body,
    });
    expect(denied.statusCode).toBe(403);
    expect((await w.staff.put('/api/practice/messaging-settings', body)).statusCode).toBe(200);
    const stale = await w.staff.put('/api/practice/messaging-settings', body);
    expect(stale.statusCode).toBe(409);
    const negative = await w.staff.put('/api/practice/messaging-settings', {
      ...body,
      version: 2,
      autoCloseHours: -1,
    });
    expect(negative.statusCode).toBe(400);
    const banner = await w.portal.get('/api/portal/messages/compose-options');
    expect(banner.json<ComposeOptions>().guidelineBanner).toBe('We reply within 2 business days.');
  });
});
