import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatehouseError } from '../../src/errors/GatehouseError.js';
import { errorResponse } from '../../src/http/errorResponse.js';
import type { HttpEnv } from '../../src/http/HttpEnv.js';
import { auditRequest } from '../../src/http/middleware/auditRequest.js';
import { event } from '../../src/http/middleware/event.js';
import { requestContext } from '../../src/http/middleware/requestContext.js';
import { startTestServer, type TestServer } from '../support/testServer.js';

let gh: TestServer;
let app: Hono<HttpEnv>;

beforeAll(async () => {
  gh = await startTestServer();
  // The recorder around routes that fail on purpose, on a real runtime and SQLite file.
  app = new Hono<HttpEnv>();
  app.onError((error, c) => errorResponse(error, c, () => undefined));
  app.use(requestContext(() => '127.0.0.1'));
  app.use(auditRequest(gh.runtime));
  app.post('/api/fails-after-commit', event('FailsAfterCommit', 201), async (c) => {
    await c.var.transact(async (trx) => {
      await trx.insertInto('groups').values({ name: 'committed-group', description: 'x' }).execute();
      return { name: 'committed-group' };
    });
    throw new Error('the response could not be built');
  });
  app.post('/api/fails-inside', event('FailsInside', 201), async (c) => {
    await c.var.transact(async (trx) => {
      await trx.insertInto('groups').values({ name: 'rolled-back-group', description: 'x' }).execute();
      throw new GatehouseError('CONFLICT', 'changed our mind');
    });
    return c.body(null, 201);
  });
});
afterAll(() => gh.close());

async function eventsNamed(name: string) {
  const rows = await gh.runtime.db.selectFrom('audit_events').select('body').where('event_name', '=', name).orderBy('sequence').execute();
  return rows.map((row) => JSON.parse(row.body));
}

describe('the audit recorder', () => {
  it('records a request that failed after its write committed twice: the write, then the failure', async () => {
    const answer = await app.request('/api/fails-after-commit', { method: 'POST' });
    expect(answer.status).toBe(500);
    const events = await eventsNamed('FailsAfterCommit');
    expect(events.map((e) => [e.errorCode, e.additionalEventData.statusCode])).toEqual([
      [null, 201],
      ['INTERNAL_ERROR', 500],
    ]);
    expect(events[0].requestId).toBe(events[1].requestId);
    expect(events[0].responseElements).toEqual({ name: 'committed-group' });
  });

  it('records a write that rolled back once, as the failure it was', async () => {
    const answer = await app.request('/api/fails-inside', { method: 'POST' });
    expect(answer.status).toBe(409);
    const events = await eventsNamed('FailsInside');
    expect(events.map((e) => e.errorCode)).toEqual(['CONFLICT']);
    expect(await gh.runtime.db.selectFrom('groups').select('name').where('name', '=', 'rolled-back-group').execute()).toEqual([]);
  });
});
