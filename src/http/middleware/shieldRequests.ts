import type { Context, MiddlewareHandler } from 'hono';
import { isoAt } from '../../clock/clock.js';
import { sha256Hex } from '../../crypto/digest.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { addressKey } from '../../shield/addressKey.js';
import { blockClient } from '../../shield/blocks/blockClient.js';
import { clientBlockKeys } from '../../shield/blocks/clientBlockKeys.js';
import { limitedRoute } from '../../shield/limitedRoute.js';
import { unknownWindowTokens, type UnknownWindowTokens } from '../../shield/pentest/unknownWindowTokens.js';
import { consumeOrRefuse } from '../../shield/limiters/consumeOrRefuse.js';
import { findOpenPentestWindow } from '../../store/repositories/pentestWindows.js';
import { findActiveBlock } from '../../store/repositories/shieldBlocks.js';
import type { HttpEnv } from '../HttpEnv.js';

// A pen-test window token, as `openPentestWindow` makes them.
const windowToken = /^[A-Za-z0-9_-]{43}$/;

/**
 * The shield in front of every route, inside the audit recorder so that each refusal is an
 * audit event: a blocked address is refused, then the per-address and per-route limits take
 * a point; a client that draws too many refusals (4xx) is blocked for a growing time.
 * "Address" is the client's `addressKey`: an IPv6 client's whole prefix.
 * A request bearing an open pen-test window's token is limited like any other, never
 * blocked, and flagged `pentest` for its audit event.
 */
export function shieldRequests(runtime: Runtime): MiddlewareHandler<HttpEnv> {
  const { shield } = runtime;
  const unknown = unknownWindowTokens();
  return async function shieldRequests(c, next) {
    const ip = c.var.sourceIp ?? 'unknown';
    // Counted and blocked by its key (an IPv6 client's whole prefix); logged and audited by its own address.
    const key = addressKey(ip, runtime.config.shield.ipv6Prefix);
    const pentest = await inPentestWindow(runtime, c, unknown);
    if (pentest) c.set('pentest', true);
    try {
      if (!pentest) await refuseBlocked(runtime, ip);
      await consumeOrRefuse(shield.perAddress, key);
      const route = limitedRoute(c.req.method, c.req.path);
      if (route) await consumeOrRefuse(shield.perAuthRoute, `${route}|${key}`);
    } catch (error) {
      if (!(error instanceof Blocked)) await countRefusal(runtime, ip, key, pentest);
      throw error;
    }
    await next();
    if (c.res.status >= 400 && c.res.status < 500 && !c.var.refusalCounted) {
      // The answer is decided: a failure to count it must not turn it into a 500.
      await countRefusal(runtime, ip, key, pentest).catch((error: unknown) => runtime.logger.error({ err: error, requestId: c.var.requestId }, 'counting a refusal failed'));
    }
  };
}

/** The refusal of a blocked address: RATE_LIMITED until the block ends (it does not count as a new refusal). */
class Blocked extends GatehouseError {}

async function refuseBlocked(runtime: Runtime, ip: string): Promise<void> {
  const { blocked } = runtime.shield;
  let block;
  for (const key of clientBlockKeys(ip, runtime.config.shield.ipv6Prefix)) {
    // The in-memory copy first, so that no query is spent on the addresses it does not list.
    if (blocked.blockedUntil(key) === 0) continue;
    block = await findActiveBlock(runtime.db, key, isoAt(runtime.clock()));
    if (block) break;
    blocked.remove(key);
  }
  if (!block) return;
  const seconds = Math.max(1, Math.ceil((Date.parse(block.blocked_until) - runtime.clock()) / 1000));
  // Closed after this answer: its next connection is refused at accept, before TLS costs anything.
  throw new Blocked('RATE_LIMITED', 'Too many refused requests from this address; try again later', {
    headers: { 'Retry-After': String(seconds), Connection: 'close' },
  });
}

/** Counts a refusal of `ip` under its `key`; the one that crosses the limit blocks the key (never during a pen-test window). */
async function countRefusal(runtime: Runtime, ip: string, key: string, pentest: boolean): Promise<void> {
  if (pentest) return;
  try {
    await runtime.shield.refusals.consume(key);
  } catch (rejection) {
    if (rejection instanceof Error) throw rejection;
    // Only the refusal that crossed the limit blocks (parallel ones past it must not add strikes);
    // the count starts afresh for the next run.
    if ((rejection as { consumedPoints?: number }).consumedPoints !== runtime.config.shield.blockAfterRefusals + 1) return;
    await runtime.shield.refusals.delete(key);
    const block = await blockClient(runtime, ip, `more than ${runtime.config.shield.blockAfterRefusals} refused requests in ${runtime.config.shield.refusalWindowSeconds} s`);
    runtime.shield.blocked.add(block.ip, Date.parse(block.blocked_until));
    runtime.logger.warn({ ip, blocked: block.ip, strikes: block.strikes, blockedUntil: block.blocked_until }, 'client blocked');
  }
}

async function inPentestWindow(runtime: Runtime, c: Context<HttpEnv>, unknown: UnknownWindowTokens): Promise<boolean> {
  const token = c.req.header('x-pentest-window');
  if (token === undefined || !windowToken.test(token)) return false;
  // Looked up by hash: the stored value is the token's SHA-256, so no comparison of the secret itself.
  const hash = sha256Hex(token);
  const now = runtime.clock();
  if (unknown.has(hash, now)) return false;
  const open = (await findOpenPentestWindow(runtime.db, hash, isoAt(now))) !== undefined;
  if (!open) unknown.add(hash, now);
  return open;
}
