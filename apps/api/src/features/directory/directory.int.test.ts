import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Location, Provider } from '@portico/contracts';
import { createTestApp, type TestApp, type TestPractice } from '../../../test/harness.ts';
import { auditRows, staffClient, type StaffClient } from '../patients/test-support.ts';

let t: TestApp;
let practice: TestPractice;
let admin: StaffClient;
let frontDesk: StaffClient;

beforeAll(async () => {
  t = await createTestApp();
  practice = await t.newPractice(['admin', 'front_desk']);
  admin = staffClient(t, practice.cookie);
  frontDesk = staffClient(t, practice.staff.front_desk?.cookie ?? '');
});
afterAll(async () => t.close());

describe('providers', () => {
  it('admins add and change providers; every change is audited', async () => {
    const created = await admin.post('/api/practice/providers', {
      displayName: 'Dr. Jordan Rivera',
      credentials: 'PT, DPT',
    });
    expect(created.statusCode).toBe(201);
    const provider = created.json<Provider>();
    expect(provider).toMatchObject({
      displayName: 'Dr. Jordan Rivera',
      credentials: 'PT, DPT',
      specialty: null,
      active: true,
    });
    const changed = await admin.put(`/api/practice/providers/${provider.id}`, {
      displayName: 'Dr. Jordan Rivera',
      active: false,
    });
    expect(changed.json()).toMatchObject({ id: provider.id, credentials: null, active: false });
    expect(await auditRows(t, practice.practiceId, 'provider.create')).toHaveLength(1);
    expect((await auditRows(t, practice.practiceId, 'provider.update')).at(-1)).toMatchObject({
      entityId: provider.id,
    });
  });

  it('any staff member reads the list, sorted by name', async () => {
    await admin.post('/api/practice/providers', { displayName: 'Aaron Able' });
    const list = await frontDesk.get('/api/practice/providers');
    expect(list.statusCode).toBe(200);
    const names = list.json<{ items: Provider[] }>().items.map((p) => p.displayName);
    expect(names[0]).toBe('Aaron Able');
  });

  it('refuses writes by non-admins (403) and unknown fields (400)', async () => {
    expect(
      (await frontDesk.post('/api/practice/providers', { displayName: 'Nope' })).statusCode,
    ).toBe(403);
    const unknown = await admin.post('/api/practice/providers', { displayName: 'X', npi: '123' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'VALIDATION' });
  });

  it("answers 404 for another practice's provider", async () => {
    const other = await t.newPractice(['admin']);
    const theirs = (
      await staffClient(t, other.cookie).post('/api/practice/providers', { displayName: 'Theirs' })
    ).json<Provider>();
    const res = await admin.put(`/api/practice/providers/${theirs.id}`, {
      displayName: 'Mine now',
    });
    expect(res.statusCode).toBe(404);
    const list = (await admin.get('/api/practice/providers')).json<{ items: Provider[] }>();
    expect(list.items.map((p) => p.id)).not.toContain(theirs.id);
  });
});

describe('locations', () => {
  it('stores a valid IANA zone in its canonical spelling', async () => {
    const res = await admin.post('/api/practice/locations', {
      name: 'Downtown',
      timeZone: 'america/chicago',
      city: 'Springfield',
    });
    expect(res.statusCode).toBe(201);
    const loc = res.json<Location>();
    expect(loc).toMatchObject({ timeZone: 'America/Chicago', city: 'Springfield', phone: null });
    const changed = await admin.put(`/api/practice/locations/${loc.id}`, {
      name: 'Downtown Clinic',
      timeZone: 'UTC',
    });
    expect(changed.json()).toMatchObject({ name: 'Downtown Clinic', timeZone: 'UTC', city: null });
    expect(await auditRows(t, practice.practiceId, 'location.update')).toHaveLength(1);
  });

  it('refuses an unknown time zone, pointing at the field, and stores nothing', async () => {
    const before = (await admin.get('/api/practice/locations')).json<{ items: Location[] }>().items
      .length;
    const res = await admin.post('/api/practice/locations', {
      name: 'Mars',
      timeZone: 'Mars/Olympus_Mons',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'body.timeZone' }] });
    expect(
      (await admin.get('/api/practice/locations')).json<{ items: Location[] }>().items,
    ).toHaveLength(before);
  });

  it('lets non-admins read but not write', async () => {
    expect((await frontDesk.get('/api/practice/locations')).statusCode).toBe(200);
    expect(
      (await frontDesk.post('/api/practice/locations', { name: 'X', timeZone: 'UTC' })).statusCode,
    ).toBe(403);
  });
});
