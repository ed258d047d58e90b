import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../support/testServer.js';

// What a security review of the pages found: tampered hidden fields, a lost Retry-After, and
// browser headers other than the cookie reaching the API as the page's credential.
const password = 'quarry lantern mossy 58';
let gh: TestServer;

beforeAll(async () => {
  // Three free sign-in failures per account, so a page reaches the API's 429 in a few posts.
  gh = await startTestServer({ GATEHOUSE_SIGN_IN_FREE_FAILURES: '3' });
});
afterAll(() => gh?.close());

const postForm = (client: Client, path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  client.request('POST', path, {
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: gh.url, ...headers },
    csrf: false,
  });

// Three bytes a character: far more than a QR code holds.
const undrawable = `otpauth://totp/${'€'.repeat(1000)}`;

describe('tampered authenticator key fields', () => {
  it('answers 400, not 500, when /account/security/totp/enable is posted a URI no QR code holds', async () => {
    await gh.addUser('tess@example.com', password);
    const tess = gh.client();
    await tess.signIn('tess@example.com', password);
    const fields = { csrf: tess.csrfToken!, factorId: 'f1', secret: 'JBSWY3DPEHPK3PXPJBSWY3DP', code: '' };
    const answer = await postForm(tess, '/account/security/totp/enable', { ...fields, otpauthUri: undrawable });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('otpauthUri');
    expect((await postForm(tess, '/account/security/totp/enable', { ...fields, otpauthUri: 'otpauth://totp/a', secret: 'not base32!' })).status).toBe(400);
  });

  it('answers 400, not 500, when /setup/factor is posted an empty key or a URI no QR code holds', async () => {
    await gh.addUser('ines@admin.test', password, ['admins']);
    const ines = gh.client();
    const first = await ines.post('/auth/sign-in', { email: 'ines@admin.test', password });
    expect(first.body.status).toBe('MFA_SETUP_REQUIRED');
    const fields = { setupToken: first.body.setupToken, factorId: 'f1', code: '', next: '' };
    const emptyKey = await postForm(ines, '/setup/factor', { ...fields, secret: '', uri: 'otpauth://totp/Gatehouse:ines' });
    expect(emptyKey.status).toBe(400);
    expect(emptyKey.text).toContain('secret');
    const longUri = await postForm(ines, '/setup/factor', { ...fields, secret: 'JBSWY3DPEHPK3PXPJBSWY3DP', uri: undrawable });
    expect(longUri.status).toBe(400);
  });
});

describe('a refusal page keeps the API answer', () => {
  it("carries the API's Retry-After on the sign-in page's 429", async () => {
    await gh.addUser('rhea@example.com', password);
    const visitor = gh.client();
    const tries: number[] = [];
    let last;
    // The fourth wrong password finds the account held back; a few more allow for counting races.
    for (let i = 0; i < 8 && tries.at(-1) !== 429; i += 1) {
      last = await postForm(visitor, '/sign-in', { email: 'rhea@example.com', password: 'not the password at all', next: '' });
      tries.push(last.status);
    }
    expect(tries.at(-1)).toBe(429);
    expect(last!.headers.get('content-type')).toMatch(/^text\/html/);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});

describe('the credential a page acts with', () => {
  it("acts as the cookie's user, not as the Bearer token the browser also sent", async () => {
    const adaId = (await gh.addUser('ada@shop.test', password)).id;
    await gh.addUser('ben@shop.test', password);
    const [ada, ben] = [gh.client(), gh.client()];
    await ada.signIn('ada@shop.test', password);
    await ben.signIn('ben@shop.test', password);
    const bensToken = (await ben.post('/auth/token')).body.accessToken;
    expect(bensToken).toEqual(expect.any(String));

    const placed = await postForm(ada, '/orders', { csrf: ada.csrfToken!, sku: 'PEN-1', qty: '2' }, { authorization: `Bearer ${bensToken}` });
    // The client follows the page's 303 to the new order.
    expect(placed.status).toBe(200);
    expect(placed.text).toContain('Order created.');
    const adasOrders = (await ada.get('/api/orders')).body.orders;
    expect(adasOrders).toHaveLength(1);
    expect(adasOrders[0].ownerId).toBe(adaId);
    expect((await ben.get('/api/orders')).body.orders).toHaveLength(0);
  });
});
