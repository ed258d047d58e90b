import { isoAt } from '../../clock/clock.js';
import type { AdvisorCheck } from '../AdvisorCheck.js';
import { HEARTBEAT_MS } from '../instanceHeartbeat.js';

/** Limits kept in each instance's memory multiply by the number of instances: an attacker spreads out. */
export const rateLimitsInMemory: AdvisorCheck = {
  id: 'rate-limits-shared',
  severity: 'medium',
  title: 'Rate limits in memory while several instances share the database',
  fix: 'Give every instance the same GATEHOUSE_REDIS_URL, so that limits and failed sign-ins count across instances.',
  async run({ db, now, config }) {
    // Three missed heartbeats and an instance counts as gone.
    const instances = await db.selectFrom('instances').select(['host', 'pid', 'limiter_store']).where('last_seen_at', '>=', isoAt(now - 3 * HEARTBEAT_MS)).execute();
    const inMemory = instances.filter((instance) => instance.limiter_store === 'memory');
    if (instances.length > 1 && inMemory.length > 0) {
      return { status: 'fail', finding: `${instances.length} instances serve from this database; ${inMemory.map((i) => `${i.host} (pid ${i.pid})`).join(', ')} keep(s) rate limits in memory.` };
    }
    // Lambda instances write no heartbeat: seeing none says nothing about how many there are,
    // unless this configuration shares the limits in Redis anyway.
    if (instances.length === 0 && config.redisUrl) return { status: 'pass', finding: 'No instance reports a heartbeat, and limits are kept in Redis (GATEHOUSE_REDIS_URL), shared by every instance.' };
    if (instances.length === 0) return { status: 'unknown', finding: `No instance has reported in the last ${(3 * HEARTBEAT_MS) / 60_000} minutes (Lambda functions do not), and GATEHOUSE_REDIS_URL is not set.` };
    return { status: 'pass', finding: `${instances.length} instance(s) seen in the last ${(3 * HEARTBEAT_MS) / 60_000} minutes${instances.length > 1 ? ', all with limits in Redis' : ''}.` };
  },
};
