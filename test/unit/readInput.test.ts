import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GatehouseError } from '../../src/errors/GatehouseError.js';
import type { HttpEnv } from '../../src/http/HttpEnv.js';
import { readJson, readQuery } from '../../src/http/readInput.js';

// A route that takes any JSON at all, so only readJson's own checks can refuse it.
const app = new Hono<HttpEnv>();
app.onError((error, c) => c.json({ code: error instanceof GatehouseError ? error.code : 'BUG' }, error instanceof GatehouseError ? (error.status as 400) : 500));
app.post('/', async (c) => c.json({ parsed: await readJson(c, z.unknown()), recorded: c.get('requestParameters') ?? null }));
app.get('/', (c) => c.json({ parsed: readQuery(c, z.record(z.string(), z.string())) }));

const post = (body: string) => app.request('/', { method: 'POST', body, headers: { 'content-type': 'application/json' } });

describe('reading a JSON body', () => {
  it.each([
    ['a number out of range', '{"n":1e309}'],
    ['a lone surrogate in a value', '{"s":"\\ud800"}'],
    ['a lone surrogate in a key', '{"\\udc00":1}'],
    ['no JSON at all', '{"a":'],
    ['a NUL character, which PostgreSQL cannot store', '{"s":"a\\u0000b"}'],
    ['a NUL character in a key', '{"a\\u0000":1}'],
  ])('refuses %s with 400', async (_what, body) => {
    const answer = await post(body);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({ code: 'VALIDATION_ERROR' });
  });

  it('accepts well-formed Unicode, surrogate pairs included', async () => {
    const answer = await post('{"s":"\\ud83d\\ude00 ü"}');
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { parsed: unknown }).parsed).toEqual({ s: '😀 ü' });
  });

  it('refuses a body that is not JSON by type', async () => {
    const answer = await app.request('/', { method: 'POST', body: '{}', headers: { 'content-type': 'text/plain' } });
    expect(answer.status).toBe(415);
  });

  it('refuses a NUL character in the query string with 400', async () => {
    expect((await app.request('/?principalId=%00')).status).toBe(400);
    expect((await app.request('/?principalId=ok')).status).toBe(200);
  });
});
