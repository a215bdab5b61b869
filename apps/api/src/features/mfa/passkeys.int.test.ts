import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FactorAddedResult, MfaStatus, PortalMe } from '@portico/contracts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { registeredPatient, randomIp, cookieOf } from '../portal-accounts/test-support.ts';
import { accountAudit, enrollTotp, factorRows, portalSessionOf } from './test-support.ts';
import { softAuthenticator } from './webauthn-test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const origin = 'http://portico.test';

async function signedInPatient() {
  const practice = await t.newPractice();
  const patient = await registeredPatient(t, practice);
  return { patient, client: await portalSessionOf(t, patient) };
}

const post = (url: string, payload: unknown = {}) =>
  t.fastify.inject({ method: 'POST', url, payload: payload as object, remoteAddress: randomIp() });

type Client = Awaited<ReturnType<typeof portalSessionOf>>;

async function registerPasskey(client: Client, label = 'My phone') {
  const options = (await client.post('/api/portal/mfa/passkeys/options')).json<
    Record<string, unknown>
  >();
  const key = softAuthenticator();
  const res = await client.post('/api/portal/mfa/passkeys', {
    response: key.register(options, origin),
    label,
  });
  return { key, res };
}

describe('passkey registration', () => {
  it('gives creation options for this site and this account, excluding its passkeys', async () => {
    const { patient, client } = await signedInPatient();
    const res = await client.post('/api/portal/mfa/passkeys/options');
    expect(res.statusCode, res.body).toBe(200);
    const options = res.json<{
      challenge: string;
      rp: { id: string; name: string };
      user: { name: string };
      excludeCredentials: unknown[];
      authenticatorSelection: { residentKey: string };
    }>();
    expect(options.rp).toEqual({ id: 'portico.test', name: 'Portico' });
    expect(options.user.name).toBe(patient.email);
    expect(options.challenge.length).toBeGreaterThanOrEqual(43);
    expect(options.excludeCredentials).toEqual([]);
    expect(options.authenticatorSelection.residentKey).toBe('required');

    const { key } = await registerPasskey(client);
    const again = (await client.post('/api/portal/mfa/passkeys/options')).json<{
      excludeCredentials: { id: string }[];
    }>();
    expect(again.excludeCredentials.map((c) => c.id)).toEqual([key.credentialId]);
  });

  it('registers a passkey from a software authenticator (first factor: with recovery codes)', async () => {
    const { patient, client } = await signedInPatient();
    const { res } = await registerPasskey(client, 'Laptop');
    expect(res.statusCode, res.body).toBe(200);
    const added = res.json<FactorAddedResult>();
    expect(added.recoveryCodes).toHaveLength(10);
    const status = (await client.get('/api/portal/mfa')).json<MfaStatus>();
    expect(status.passkeys).toEqual([
      {
        id: added.factorId,
        label: 'Laptop',
        createdAt: t.clock.now().toISOString(),
        lastUsedAt: null,
      },
    ]);
    expect((await accountAudit(t, patient.accountId)).map((a) => a.action)).toEqual([
      'mfa.passkey_added',
    ]);
  });

  it('keeps the recovery codes of an earlier factor', async () => {
    const { client } = await signedInPatient();
    await enrollTotp(t, client);
    const { res } = await registerPasskey(client);
    expect(res.json<FactorAddedResult>().recoveryCodes).toBeNull();
  });

  it('refuses a replayed or expired challenge, and a response for another origin', async () => {
    const { patient, client } = await signedInPatient();
    const options = (await client.post('/api/portal/mfa/passkeys/options')).json<
      Record<string, unknown>
    >();
    const key = softAuthenticator();
    const wrongOrigin = await client.post('/api/portal/mfa/passkeys', {
      response: key.register(options, 'https://evil.example'),
      label: 'x',
    });
    expect(wrongOrigin.statusCode).toBe(400);
    // The challenge was used by that attempt: the right answer to it comes too late.
    const replay = await client.post('/api/portal/mfa/passkeys', {
      response: key.register(options, origin),
      label: 'x',
    });
    expect(replay.statusCode).toBe(400);
    expect(replay.json<{ message: string }>().message).toMatch(/expired or was already used/);

    const later = (await client.post('/api/portal/mfa/passkeys/options')).json<
      Record<string, unknown>
    >();
    t.clock.advanceSeconds(5 * 60 + 1);
    const expired = await client.post('/api/portal/mfa/passkeys', {
      response: key.register(later, origin),
      label: 'x',
    });
    expect(expired.statusCode).toBe(400);
    expect(await factorRows(t, patient.accountId)).toEqual([]);
  });

  it('refuses another account’s challenge and malformed input', async () => {
    const { client } = await signedInPatient();
    const other = await signedInPatient();
    const theirs = (await other.client.post('/api/portal/mfa/passkeys/options')).json<
      Record<string, unknown>
    >();
    const res = await client.post('/api/portal/mfa/passkeys', {
      response: softAuthenticator().register(theirs, origin),
      label: 'x',
    });
    expect(res.statusCode).toBe(400);
    for (const body of [
      { response: {}, label: 'x' },
      { response: { response: { clientDataJSON: 'garbage' } }, label: 'x' },
      { response: {}, label: '' },
      { label: 'x' },
    ]) {
      expect((await client.post('/api/portal/mfa/passkeys', body)).statusCode).toBe(400);
    }
  });

  it('needs a recent password for the options and for a removal', async () => {
    const { client } = await signedInPatient();
    const { res } = await registerPasskey(client);
    const { factorId } = res.json<FactorAddedResult>();
    t.clock.advanceSeconds(11 * 60);
    for (const r of [
      await client.post('/api/portal/mfa/passkeys/options'),
      await client.delete(`/api/portal/mfa/passkeys/${factorId}`),
    ]) {
      expect(r.statusCode).toBe(403);
      expect(r.json()).toMatchObject({ code: 'REAUTH_REQUIRED' });
    }
  });

  it('removes its own passkey; another account’s passkey id is NOT_FOUND', async () => {
    const { patient, client } = await signedInPatient();
    const other = await signedInPatient();
    const { res } = await registerPasskey(other.client);
    const theirs = res.json<FactorAddedResult>().factorId;
    expect((await client.delete(`/api/portal/mfa/passkeys/${theirs}`)).statusCode).toBe(404);
    expect(await factorRows(t, other.patient.accountId)).toHaveLength(1);
    expect((await client.delete('/api/portal/mfa/passkeys/not-a-uuid')).statusCode).toBe(400);

    const mine = (await registerPasskey(client)).res.json<FactorAddedResult>().factorId;
    expect((await client.delete(`/api/portal/mfa/passkeys/${mine}`)).statusCode).toBe(200);
    const status = (await client.get('/api/portal/mfa')).json<MfaStatus>();
    expect(status.passkeys).toEqual([]);
    expect(status.recoveryCodesLeft).toBe(0);
    expect((await accountAudit(t, patient.accountId)).map((a) => a.action)).toContain(
      'mfa.passkey_removed',
    );
  });
});

describe('passwordless sign-in with a passkey', () => {
  it('gives request options naming no account', async () => {
    const res = await post('/api/portal/auth/passkey/options');
    expect(res.statusCode, res.body).toBe(200);
    const options = res.json<Record<string, unknown>>();
    expect(options.rpId).toBe('portico.test');
    expect(options.allowCredentials ?? []).toEqual([]);
    expect(typeof options.challenge).toBe('string');
  });

  it('signs in with a registered passkey: a full session, the portal me, the counter recorded', async () => {
    const { patient, client } = await signedInPatient();
    const { key, res } = await registerPasskey(client);
    const { factorId } = res.json<FactorAddedResult>();
    t.clock.advanceSeconds(60);
    const options = (await post('/api/portal/auth/passkey/options')).json<
      Record<string, unknown>
    >();
    const signIn = await post('/api/portal/auth/passkey', {
      response: key.authenticate(options, origin),
    });
    expect(signIn.statusCode, signIn.body).toBe(200);
    const me = signIn.json<PortalMe>();
    expect(me.account.id).toBe(patient.accountId);
    expect(me.patient?.id).toBe(patient.patientId);
    const cookie = cookieOf(signIn);
    expect(cookie).toMatch(/^portico_portal=/);
    // Both factors at once: the session is full.
    const status = await t.fastify.inject({
      method: 'GET',
      url: '/api/portal/mfa',
      headers: { cookie },
    });
    expect(status.statusCode, status.body).toBe(200);
    expect(status.json<MfaStatus>().passkeys[0]?.lastUsedAt).toBe(t.clock.now().toISOString());
    const [row] = (await factorRows(t, patient.accountId)).filter((f) => f.id === factorId);
    expect(row?.signCount).toBe(2);
    const audit = await accountAudit(t, patient.accountId);
    expect(audit.find((a) => a.action === 'portal.sign_in')).toMatchObject({
      entityType: 'portal_session',
      details: { method: 'passkey', factorId },
    });

    // The same answer again (a replay) is refused: its challenge is used.
    const replay = await post('/api/portal/auth/passkey', {
      response: key.authenticate(options, origin),
    });
    expect(replay.statusCode).toBe(400);
  });

  it('refuses an unknown passkey, and its challenge is then spent', async () => {
    const options = (await post('/api/portal/auth/passkey/options')).json<
      Record<string, unknown>
    >();
    const stranger = softAuthenticator();
    const answer = stranger.authenticate(options, origin);
    const res = await post('/api/portal/auth/passkey', { response: answer });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(res.headers['set-cookie']).toBeUndefined();
    const again = await post('/api/portal/auth/passkey', { response: answer });
    expect(again.statusCode).toBe(400);
  });

  it('refuses an expired challenge and a wrong signature', async () => {
    const { client } = await signedInPatient();
    const { key } = await registerPasskey(client);
    const options = (await post('/api/portal/auth/passkey/options')).json<
      Record<string, unknown>
    >();
    t.clock.advanceSeconds(5 * 60 + 1);
    const expired = await post('/api/portal/auth/passkey', {
      response: key.authenticate(options, origin),
    });
    expect(expired.statusCode).toBe(400);

    const fresh = (await post('/api/portal/auth/passkey/options')).json<Record<string, unknown>>();
    const answer = key.authenticate(fresh, origin) as { response: { signature: string } };
    const tampered = {
      ...answer,
      response: { ...answer.response, signature: Buffer.alloc(70, 1).toString('base64url') },
    };
    const res = await post('/api/portal/auth/passkey', { response: tampered });
    expect(res.statusCode).toBe(400);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('a registration challenge cannot be used to sign in', async () => {
    const { client } = await signedInPatient();
    const { key } = await registerPasskey(client);
    const registration = (await client.post('/api/portal/mfa/passkeys/options')).json<
      Record<string, unknown>
    >();
    const res = await post('/api/portal/auth/passkey', {
      response: key.authenticate({ ...registration, rpId: 'portico.test' }, origin),
    });
    expect(res.statusCode).toBe(400);
  });
});
