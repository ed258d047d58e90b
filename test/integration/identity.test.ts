import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/testServer.js';

let gh: TestServer;
beforeAll(async () => {
  gh = await startTestServer();
});
afterAll(() => gh.close());

const password = 'correct horse battery staple';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** Median time of `rounds` calls for unknown e-mails over the median for `knownEmail`, interleaved. */
async function unknownToKnownTime(path: string, knownEmail: string, body: (email: string) => object, rounds: number, tag = ''): Promise<number> {
  const c = gh.client();
  const time = async (email: string) => {
    const started = performance.now();
    await c.post(path, body(email));
    return performance.now() - started;
  };
  const known: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < rounds; i++) {
    known.push(await time(knownEmail));
    unknown.push(await time(`ghost${tag}${i}-${path.length}@example.com`));
  }
  return median(unknown) / median(known);
}

/**
 * The first of up to `tries` ratios inside [low, high], else the last one. A shared CI machine
 * can stall a few requests of one measurement; a path that really skips the work (about 10x
 * faster) is outside the range at every try.
 */
async function settledRatio(tries: number, low: number, high: number, measure: (attempt: number) => Promise<number>): Promise<number> {
  let ratio = NaN;
  for (let attempt = 0; attempt < tries; attempt++) {
    ratio = await measure(attempt);
    if (ratio > low && ratio < high) return ratio;
  }
  return ratio;
}

async function registered(email: string) {
  const c = gh.client();
  expect((await c.post('/auth/sign-up', { email, password })).status).toBe(201);
  expect((await c.post('/auth/confirm', { email, code: await gh.lastCode(email) })).status).toBe(200);
  return c;
}

describe('sign-up and confirmation', () => {
  it('answers CONFIRMATION_REQUIRED and sends an 8-digit code to the outbox', async () => {
    const c = gh.client();
    const answer = await c.post('/auth/sign-up', { email: 'Grace@Example.com', password });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ status: 'CONFIRMATION_REQUIRED' });
    const message = (await gh.outbox()).filter((m) => m.to === 'grace@example.com').at(-1)!;
    expect(message.channel).toBe('email');
    expect(message.code).toMatch(/^\d{8}$/);
    expect(message.file).toMatch(/^\d+-email-grace@example\.com\.json$/);
  });

  it('answers an already registered e-mail exactly like a new one', async () => {
    await registered('taken@example.com');
    const again = await gh.client().post('/auth/sign-up', { email: 'taken@example.com', password: 'another fine password' });
    const fresh = await gh.client().post('/auth/sign-up', { email: 'fresh@example.com', password: 'another fine password' });
    expect(again.status).toBe(fresh.status);
    expect(again.body).toEqual(fresh.body);
  });

  it('refuses a blocklisted password and says why', async () => {
    const answer = await gh.client().post('/auth/sign-up', { email: 'weak@example.com', password: 'password1' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_ERROR');
    expect(answer.body.error.message).toMatch(/common/);
  });

  it('refuses a password shorter than 8 characters or equal to the e-mail name', async () => {
    const short = await gh.client().post('/auth/sign-up', { email: 'short@example.com', password: 'Xy7#q' });
    expect(short.status).toBe(400);
    expect(short.body.error.message).toMatch(/at least 8/);
    const own = await gh.client().post('/auth/sign-up', { email: 'zebrafinch42@example.com', password: 'ZebraFinch42' });
    expect(own.status).toBe(400);
    expect(own.body.error.message).toMatch(/e-mail/);
  });

  it('accepts a 64-character passphrase without composition rules', async () => {
    const long = 'a'.repeat(30) + ' lowercase only passphrase that is long';
    const answer = await gh.client().post('/auth/sign-up', { email: 'long@example.com', password: long.slice(0, 64) });
    expect(answer.status).toBe(201);
  });

  it('refuses a reused confirmation code', async () => {
    const c = gh.client();
    await c.post('/auth/sign-up', { email: 'reuse@example.com', password });
    const code = await gh.lastCode('reuse@example.com');
    expect((await c.post('/auth/confirm', { email: 'reuse@example.com', code })).status).toBe(200);
    const again = await c.post('/auth/confirm', { email: 'reuse@example.com', code });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('INVALID_CODE');
  });

  it('stops accepting a code after five wrong tries, even the right one', async () => {
    const c = gh.client();
    await c.post('/auth/sign-up', { email: 'tries@example.com', password });
    const code = await gh.lastCode('tries@example.com');
    const wrong = code === '000000' ? '111111' : '000000';
    const tries = await Promise.all(Array.from({ length: 8 }, () => c.post('/auth/confirm', { email: 'tries@example.com', code: wrong })));
    expect(tries.every((t) => t.status === 400 && t.body.error.code === 'INVALID_CODE')).toBe(true);
    const right = await c.post('/auth/confirm', { email: 'tries@example.com', code });
    expect(right.body.error.code).toBe('INVALID_CODE');
    const user = await gh.runtime.db.selectFrom('users').select('id').where('email', '=', 'tries@example.com').executeTakeFirstOrThrow();
    const row = await gh.runtime.db.selectFrom('code_attempts').select('short_attempts').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.short_attempts).toBe(5);
  });

  it('gives no new tries with a new code', async () => {
    const c = gh.client();
    await c.post('/auth/sign-up', { email: 'again@example.com', password });
    for (let i = 0; i < 5; i++) await c.post('/auth/confirm', { email: 'again@example.com', code: '000000' === await gh.lastCode('again@example.com') ? '111111' : '000000' });
    await c.post('/auth/sign-up', { email: 'again@example.com', password });
    const answer = await c.post('/auth/confirm', { email: 'again@example.com', code: await gh.lastCode('again@example.com') });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('INVALID_CODE');
  });

  it('sets the password chosen at sign-up when its code confirms', async () => {
    const c = gh.client();
    await c.post('/auth/sign-up', { email: 'single@example.com', password });
    const answer = await c.post('/auth/confirm', { email: 'single@example.com', code: await gh.lastCode('single@example.com') });
    expect(answer.body).toEqual({ status: 'CONFIRMED', passwordSet: true });
    expect((await gh.client().signIn('single@example.com', password)).status).toBe(200);
  });

  it('keeps no chosen password for a contested address, whoever signed up first', async () => {
    for (const [email, attackerFirst] of [
      ['contested-a@example.com', true],
      ['contested-b@example.com', false],
    ] as const) {
      const attacker = gh.client();
      const owner = gh.client();
      const attackerPassword = 'attacker passphrase one';
      if (attackerFirst) await attacker.post('/auth/sign-up', { email, password: attackerPassword });
      await owner.post('/auth/sign-up', { email, password });
      const ownersCode = await gh.lastCode(email);
      if (!attackerFirst) await attacker.post('/auth/sign-up', { email, password: attackerPassword });
      const confirmed = await owner.post('/auth/confirm', { email, code: ownersCode });
      expect(confirmed.body).toEqual({ status: 'CONFIRMED', passwordSet: false });
      expect((await gh.client().signIn(email, attackerPassword)).status).toBe(401);
      expect((await gh.client().signIn(email, password)).status).toBe(401);
      // The owner, who alone reads the mail, chooses the password.
      await owner.post('/auth/password/forgot', { email });
      expect((await owner.post('/auth/password/reset', { email, code: await gh.lastCode(email), password })).status).toBe(200);
      expect((await gh.client().signIn(email, password)).status).toBe(200);
      expect((await gh.client().signIn(email, attackerPassword)).status).toBe(401);
    }
  });

  it('lets no sign-up code touch an address once it is confirmed', async () => {
    const attacker = gh.client();
    await attacker.post('/auth/sign-up', { email: 'proven@example.com', password: 'attacker passphrase two' });
    const attackersCode = await gh.lastCode('proven@example.com');
    // The owner proves the address through a reset instead.
    await gh.client().post('/auth/password/forgot', { email: 'proven@example.com' });
    await gh.client().post('/auth/password/reset', { email: 'proven@example.com', code: await gh.lastCode('proven@example.com'), password });
    const late = await attacker.post('/auth/confirm', { email: 'proven@example.com', code: attackersCode });
    expect(late.status).toBe(400);
    expect((await gh.client().signIn('proven@example.com', 'attacker passphrase two')).status).toBe(401);
    expect((await gh.client().signIn('proven@example.com', password)).status).toBe(200);
  });

  it('answers parallel sign-ups of one new address alike', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => gh.client().post('/auth/sign-up', { email: 'crowd@example.com', password })));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
  });

  it('refuses a code for an unknown e-mail the same way', async () => {
    const answer = await gh.client().post('/auth/confirm', { email: 'nobody@example.com', code: '123456' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('INVALID_CODE');
  });
});

describe('sign-in and the session cookie', () => {
  it('signs in with a __Host- cookie that is HttpOnly, Secure, SameSite=Lax, Path=/', async () => {
    await registered('cookie@example.com');
    const c = gh.client();
    const answer = await c.post('/auth/sign-in', { email: 'cookie@example.com', password });
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('SIGNED_IN');
    expect(answer.body.user).toMatchObject({ email: 'cookie@example.com', groups: [] });
    expect(typeof answer.body.csrfToken).toBe('string');
    const cookie = answer.headers.getSetCookie().find((h) => h.startsWith('__Host-gatehouse='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(/^__Host-gatehouse=([A-Za-z0-9_-]{43});/.test(cookie)).toBe(true);
  });

  it('stores only the hash of the session token', async () => {
    const c = await registered('hash@example.com');
    await c.signIn('hash@example.com', password);
    const rows = await gh.runtime.db.selectFrom('sessions').select('token_hash').execute();
    expect(rows.some((r) => r.token_hash === c.cookie)).toBe(false);
    expect(rows.some((r) => r.token_hash === createHash('sha256').update(c.cookie!).digest('hex'))).toBe(true);
  });

  it('gives a new session at every sign-in', async () => {
    const c = await registered('fresh-session@example.com');
    await c.signIn('fresh-session@example.com', password);
    const first = c.cookie;
    await c.signIn('fresh-session@example.com', password);
    expect(c.cookie).not.toBe(first);
  });

  it('answers a wrong password and an unknown e-mail with the same 401', async () => {
    await registered('known@example.com');
    const wrong = await gh.client().post('/auth/sign-in', { email: 'known@example.com', password: 'not the password at all' });
    const unknown = await gh.client().post('/auth/sign-in', { email: 'unknown@example.com', password: 'not the password at all' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('takes about as long for an unknown e-mail as for a wrong password', async () => {
    // Both pay one Argon2id verification; without the dummy hash the unknown path is ~10x faster.
    // Five wrong passwords per account and address are what the pair lets through (the fifth
    // starts a wait), so each known sign-in reaches the hash check rather than a fast 429.
    const ratio = await settledRatio(3, 0.5, 2, async (attempt) => {
      await registered(`timing${attempt}@example.com`);
      return unknownToKnownTime('/auth/sign-in', `timing${attempt}@example.com`, (email) => ({ email, password: 'not the password at all' }), 5, `t${attempt}-`);
    });
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('answers an unconfirmed address like a wrong password, so sign-up plus sign-in reveals nothing', async () => {
    const c = gh.client();
    await c.post('/auth/sign-up', { email: 'unconfirmed@example.com', password });
    const right = await c.post('/auth/sign-in', { email: 'unconfirmed@example.com', password });
    const unknown = await c.post('/auth/sign-in', { email: 'unheard-of@example.com', password });
    expect(right.status).toBe(401);
    expect(right.body).toEqual(unknown.body);
  });

  it('re-hashes a password made with older Argon2 parameters at sign-in', async () => {
    const { hash, Algorithm } = await import('@node-rs/argon2');
    const { id } = await gh.addUser('legacy@example.com', password);
    const old = await hash(password, { algorithm: Algorithm.Argon2id, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    await gh.runtime.db.updateTable('users').set({ password_hash: old }).where('id', '=', id).execute();
    expect((await gh.client().signIn('legacy@example.com', password)).status).toBe(200);
    const row = await gh.runtime.db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('describes the session', async () => {
    const c = await registered('whoami@example.com');
    await c.signIn('whoami@example.com', password);
    const answer = await c.get('/auth/session');
    expect(answer.status).toBe(200);
    expect(answer.body.user).toMatchObject({ email: 'whoami@example.com', groups: [] });
    expect(answer.body.session).toMatchObject({ mfa: false });
    expect(Date.parse(answer.body.session.expiresAt)).toBeGreaterThan(Date.now());
    expect(answer.body.csrfToken).toBe(c.csrfToken);
  });

  it('answers 401 UNAUTHENTICATED without a session', async () => {
    const answer = await gh.client().get('/auth/session');
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('sign-out', () => {
  it('kills the session: the old cookie gets 401', async () => {
    const c = await registered('bye@example.com');
    await c.signIn('bye@example.com', password);
    const cookie = c.cookie;
    const answer = await c.post('/auth/sign-out');
    expect(answer.status).toBe(204);
    c.cookie = cookie;
    expect((await c.get('/auth/session')).status).toBe(401);
  });

  it('kills the session on every instance at once', async () => {
    // A second instance on the same data: the way two processes share one SQLite deployment.
    const other = await startTestServer({}, { configure: (config) => Object.assign(config, { dataDir: gh.dataDir, databaseUrl: gh.runtime.config.databaseUrl }) });
    try {
      const c = await registered('two-instances@example.com');
      await c.signIn('two-instances@example.com', password);
      const elsewhere = other.client();
      elsewhere.cookie = c.cookie;
      expect((await elsewhere.get('/auth/session')).status).toBe(200);
      expect((await c.post('/auth/sign-out')).status).toBe(204);
      expect((await elsewhere.get('/auth/session')).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('signs out everywhere', async () => {
    await registered('everywhere@example.com');
    const laptop = gh.client();
    const phone = gh.client();
    await laptop.signIn('everywhere@example.com', password);
    await phone.signIn('everywhere@example.com', password);
    expect((await laptop.post('/auth/sign-out/all')).status).toBe(204);
    expect((await phone.get('/auth/session')).status).toBe(401);
  });
});

describe('passwords: forgot, reset, change', () => {
  it('answers 202 to forgot for known and unknown e-mails alike', async () => {
    await registered('forgetful@example.com');
    const known = await gh.client().post('/auth/password/forgot', { email: 'forgetful@example.com' });
    const unknown = await gh.client().post('/auth/password/forgot', { email: 'stranger@example.com' });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    expect((await gh.outbox()).some((m) => m.to === 'stranger@example.com')).toBe(false);
  });

  it('answers forgot no sooner than the even-timing floor, for known and unknown e-mails', async () => {
    // A lower bound, so load cannot make it flaky; how close the two are is a bench figure.
    await registered('slowpoke@example.com');
    for (const email of ['slowpoke@example.com', 'nobody-here@example.com']) {
      const started = performance.now();
      expect((await gh.client().post('/auth/password/forgot', { email })).status).toBe(202);
      expect(performance.now() - started).toBeGreaterThanOrEqual(40);
    }
  });

  it('answers forgot without waiting for the mail to go out', async () => {
    // A provider that never finishes: the answer for a registered address must not wait on it,
    // or its time would tell registered addresses from others.
    const handedOver: string[] = [];
    const stuck = await startTestServer({}, { deliver: (message) => (handedOver.push(message.to), new Promise<void>(() => undefined)) });
    try {
      await stuck.addUser('waiting@example.com', password);
      expect((await stuck.client().post('/auth/password/forgot', { email: 'waiting@example.com' })).status).toBe(202);
      expect(handedOver).toEqual(['waiting@example.com']);
    } finally {
      await stuck.close();
    }
  });

  it('resets the password with the code and ends every session', async () => {
    await registered('reset@example.com');
    const old = gh.client();
    await old.signIn('reset@example.com', password);
    await gh.client().post('/auth/password/forgot', { email: 'reset@example.com' });
    const code = await gh.lastCode('reset@example.com');
    const answer = await gh.client().post('/auth/password/reset', { email: 'reset@example.com', code, password: 'a brand new passphrase' });
    expect(answer.status).toBe(200);
    expect((await old.get('/auth/session')).status).toBe(401);
    expect((await gh.client().signIn('reset@example.com', password)).status).toBe(401);
    expect((await gh.client().signIn('reset@example.com', 'a brand new passphrase')).status).toBe(200);
    const reused = await gh.client().post('/auth/password/reset', { email: 'reset@example.com', code, password: 'yet another passphrase' });
    expect(reused.body.error.code).toBe('INVALID_CODE');
  });

  it('refuses a reset with a wrong code', async () => {
    await registered('wrongreset@example.com');
    await gh.client().post('/auth/password/forgot', { email: 'wrongreset@example.com' });
    const code = await gh.lastCode('wrongreset@example.com');
    const answer = await gh.client().post('/auth/password/reset', { email: 'wrongreset@example.com', code: code === '999999' ? '888888' : '999999', password: 'a brand new passphrase' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('INVALID_CODE');
  });

  it('changes the password only with the current one, and keeps this session', async () => {
    const c = await registered('changer@example.com');
    await c.signIn('changer@example.com', password);
    const other = gh.client();
    await other.signIn('changer@example.com', password);
    const wrong = await c.post('/auth/password/change', { currentPassword: 'not my password', password: 'the next passphrase' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    const right = await c.post('/auth/password/change', { currentPassword: password, password: 'the next passphrase' });
    expect(right.status).toBe(200);
    expect((await c.get('/auth/session')).status).toBe(200);
    expect((await other.get('/auth/session')).status).toBe(401);
    expect((await gh.client().signIn('changer@example.com', 'the next passphrase')).status).toBe(200);
  });
});
