import type { BenchResult } from './support/BenchResult.js';
import { callOnce, expectStatus } from './support/callOnce.js';
import { compareRounds } from './support/compareRounds.js';
import { driveLoad, type LoadRequest } from './support/driveLoad.js';
import { median } from './support/median.js';
import { startBenchServer } from './support/startBenchServer.js';
import { studentGrade } from './support/studentGrade.js';

// As in authorizedRequest.ts: enough connections to keep one server thread busy on loopback.
const connections = 10;
const plan = { warmUpMs: 2_000, durationMs: 3_000, rounds: 5 };

/**
 * A student reading their own grade, `GET /api/grades/:id`, three ways in one run: with an
 * access token (signature check, `sid` liveness from memory), with the session cookie (a
 * session read per request), and from a bare Hono handler answering the same JSON. The
 * ratio is bearer ÷ bare; `params.cookie` and `params.bearerToCookie` tell whether the
 * token path avoids the cookie path's database read, as it should.
 */
export async function bearerRequest(): Promise<BenchResult> {
  const server = await startBenchServer();
  try {
    const { target, path, student } = await studentGrade(server);
    const issued = expectStatus(await callOnce(target, 'POST', '/auth/token', { cookie: student.cookie, 'x-csrf-token': student.csrfToken }), 200, 'student takes tokens');
    const bearer = `Bearer ${JSON.parse(issued.text).accessToken as string}`;

    const byCookie = expectStatus(await callOnce(target, 'GET', path, { cookie: student.cookie }), 200, 'cookie read');
    const byToken = expectStatus(await callOnce(target, 'GET', path, { authorization: bearer }), 200, 'bearer read');
    if (byToken.text !== byCookie.text) throw new Error(`bearer answers ${byToken.text}, cookie ${byCookie.text}`);
    const bare = { origin: await server.serveBare('/api/grades/:id', byCookie.text), ca: server.certificate };

    const tokenGet: LoadRequest = { method: 'GET', path, headers: { authorization: bearer }, expectStatus: 200 };
    const cookieGet: LoadRequest = { method: 'GET', path, headers: { cookie: student.cookie }, expectStatus: 200 };
    // Both authenticated sides run back to back within a round (order flipping each time),
    // against the bare handler that compareRounds interleaves with them.
    const cookieRates: number[] = [];
    const pairRatios: number[] = [];
    let pair = 0;
    const authenticated = async (durationMs: number) => {
      pair += 1;
      let tokenRate: number;
      let cookieRate: number;
      if (pair % 2 === 0) {
        tokenRate = await driveLoad(target, tokenGet, { connections, durationMs });
        cookieRate = await driveLoad(target, cookieGet, { connections, durationMs });
      } else {
        cookieRate = await driveLoad(target, cookieGet, { connections, durationMs });
        tokenRate = await driveLoad(target, tokenGet, { connections, durationMs });
      }
      // The first call is the warm-up, which counts for neither side.
      if (pair > 1) {
        cookieRates.push(cookieRate);
        pairRatios.push(tokenRate / cookieRate);
      }
      return tokenRate;
    };
    const outcome = await compareRounds(
      'bearerRequest',
      { value: authenticated, baseline: (durationMs) => driveLoad(bare, tokenGet, { connections, durationMs }) },
      plan,
    );
    const cookieToBare = cookieRates.map((rate, round) => rate / outcome.samples.baseline[round]!);
    return {
      name: 'bearerRequest',
      value: outcome.value,
      baseline: outcome.baseline,
      ratio: outcome.ratio,
      unit: 'req/s',
      params: {
        connections,
        warmUpMs: plan.warmUpMs,
        durationMs: plan.durationMs,
        rounds: plan.rounds,
        request: 'GET /api/grades/:id, student reading their own grade with Authorization: Bearer <access token>',
        baseline: 'bare Hono route on @hono/node-server, same certificate, same process',
        cookie: { value: median(cookieRates), ratioToBare: median(cookieToBare), samples: cookieRates },
        bearerToCookie: median(pairRatios),
        goal: 0.5,
        samples: outcome.samples,
      },
    };
  } finally {
    await server.close();
  }
}
