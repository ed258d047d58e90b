// One suite for the Broadcast interface, run against each implementation, plus Redis outages.
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { Broadcast } from '../../src/broadcast/Broadcast.js';
import { memoryBroadcast } from '../../src/broadcast/memoryBroadcast.js';
import { redisBroadcast } from '../../src/broadcast/redisBroadcast.js';
import { connectRedis } from '../../src/redis/connectRedis.js';
import { freshRedisPrefix, redisUrl, skipRedis } from '../support/redis.js';

const silent = pino({ level: 'silent' });

/** Collects what `logger` writes, as parsed lines. */
function capturedLogger() {
  const lines: Array<{ level: number; msg: string }> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

/** Resolves with the first `count` messages heard, or fails after `ms`. */
function hear(broadcast: Broadcast, topic: string, count = 1, ms = 3000): { heard: Promise<string[]>; stop: () => void } {
  const messages: string[] = [];
  let stop = () => undefined as void;
  const heard = new Promise<string[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`heard ${messages.length} of ${count} within ${ms} ms`)), ms);
    stop = broadcast.subscribe(topic, (message) => {
      messages.push(message);
      if (messages.length === count) {
        clearTimeout(timer);
        resolve(messages);
      }
    });
  });
  return { heard, stop: () => stop() };
}

/** Two instances' broadcasts on one medium, and a way to wait until `count` listeners of a topic are in place. */
interface Pair {
  skip: boolean;
  make(): Promise<{ pair: [Broadcast, Broadcast]; subscribed(topic: string, count: number): Promise<void> }>;
}

const opened: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of opened) await close();
});

const implementations: Array<{ name: string } & Pair> = [
  {
    name: 'memory',
    skip: false,
    async make() {
      const one = memoryBroadcast(silent);
      // In process, a subscription is in place when subscribe returns.
      return { pair: [one, one], subscribed: async () => undefined };
    },
  },
  {
    name: 'redis',
    skip: skipRedis,
    async make() {
      const prefix = freshRedisPrefix();
      const [x, y] = await Promise.all([connectRedis(redisUrl, silent), connectRedis(redisUrl, silent)]);
      const pair: [Broadcast, Broadcast] = [redisBroadcast(x, prefix, silent), redisBroadcast(y, prefix, silent)];
      opened.push(async () => {
        await Promise.all(pair.map((b) => b.close()));
        x.disconnect();
        y.disconnect();
      });
      // Redis confirms a SUBSCRIBE asynchronously: ask it how many subscribers the channel has.
      const subscribed = async (topic: string, count: number) => {
        const deadline = Date.now() + 5000;
        for (;;) {
          const [, subscribers] = (await x.pubsub('NUMSUB', prefix + topic)) as [string, number];
          if (Number(subscribers) >= count) return;
          if (Date.now() > deadline) throw new Error(`${topic} has ${subscribers} of ${count} subscribers`);
          await sleep(20);
        }
      };
      return { pair, subscribed };
    },
  },
];

describe.each(implementations)('the $name broadcast', (implementation) => {
  it.skipIf(implementation.skip)('delivers a message to every listener of the topic, on both instances, and to no other topic', async () => {
    const { pair: [one, two], subscribed } = await implementation.make();
    const first = hear(two, 'news', 2);
    const second = hear(one, 'news', 2);
    const other = hear(two, 'sport', 1, 500);
    await subscribed('news', 2);
    one.publish('news', 'a');
    one.publish('news', 'b');
    expect(await first.heard).toEqual(['a', 'b']);
    expect(await second.heard).toEqual(['a', 'b']);
    await expect(other.heard).rejects.toThrow(/heard 0 of 1/);
    first.stop();
    second.stop();
    other.stop();
  });

  it.skipIf(implementation.skip)('stops delivering to a listener that stopped', async () => {
    const { pair: [one, two], subscribed } = await implementation.make();
    const gone = hear(two, 'topic', 1, 500);
    gone.stop();
    const kept = hear(two, 'topic', 1);
    await subscribed('topic', 1);
    one.publish('topic', 'x');
    expect(await kept.heard).toEqual(['x']);
    await expect(gone.heard).rejects.toThrow(/heard 0 of 1/);
    kept.stop();
  });
});

describe('Redis outages', () => {
  it('says in the log that Redis is unreachable, and still delivers to this instance', async () => {
    const { logger, lines } = capturedLogger();
    // Nothing listens on port 1: Redis is down from the start.
    const redis = await connectRedis('redis://127.0.0.1:1', logger);
    const broadcast = redisBroadcast(redis, freshRedisPrefix(), logger);
    try {
      expect(lines.some((line) => line.level === 50 && /Redis is unreachable/.test(line.msg))).toBe(true);
      const local = hear(broadcast, 'topic');
      broadcast.publish('topic', 'still here');
      expect(await local.heard).toEqual(['still here']);
      local.stop();
    } finally {
      await broadcast.close();
      redis.disconnect();
    }
  });
});
