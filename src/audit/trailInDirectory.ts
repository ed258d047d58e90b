import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';
import { GatehouseError } from '../errors/GatehouseError.js';
import { GENESIS_HASH } from './appendEvent.js';
import { exportFiles } from './exportTrail.js';
import { parseDigest } from './parseDigest.js';
import { publicKeyMap } from './publicKeyMap.js';
import type { ChainRecord, TrailToVerify } from './verifyTrail.js';

const pageSize = 5000;

/**
 * An export (or archive) directory as a trail for `verifyTrail`, with no database: events from
 * the JSON Lines files in sequence order, digests from `digests.jsonl`, keys pinned by
 * `trustedKeys` or else read from `public-keys.json`. The first event links to the genesis hash,
 * or to the hash signed by the digest that ends just before it.
 */
export async function trailInDirectory(directory: string, options: { from?: number; trustedKeys?: Map<string, KeyObject> } = {}): Promise<Omit<TrailToVerify, 'onProgress'>> {
  if (!fs.existsSync(path.join(directory, exportFiles.digests))) throw new GatehouseError('NOT_FOUND', `${directory} holds no export (${exportFiles.digests} is missing)`);
  const files = fs
    .readdirSync(directory)
    .filter((file) => exportFiles.events.test(file))
    .sort();
  const digests = fs
    .readFileSync(path.join(directory, exportFiles.digests), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => parseDigest(line, undefined, { fromSequence: 0, toSequence: 0 }))
    .sort((a, b) => a.toSequence - b.toSequence);
  let keys = options.trustedKeys;
  if (!keys) {
    const file = path.join(directory, exportFiles.publicKeys);
    const listed = fs.existsSync(file) ? ((JSON.parse(fs.readFileSync(file, 'utf8')) as { keys?: Array<{ publicKey?: string }> }).keys ?? []) : [];
    keys = publicKeyMap(listed.map((key) => String(key.publicKey)));
  }

  const firstFile = files[0] ? exportFiles.events.exec(files[0]) : null;
  const firstSequence = firstFile ? Number(firstFile[1]) : 1;
  const anchor = digests.find((d) => d.toSequence === firstSequence - 1);
  let start: TrailToVerify['start'] = { sequence: firstSequence, previousHash: firstSequence === 1 ? GENESIS_HASH : anchor?.lastHash };
  if (options.from !== undefined && options.from > start.sequence) start = { sequence: options.from, previousHash: undefined };
  const from = start.sequence;

  async function* pages(): AsyncGenerator<ChainRecord[]> {
    let page: ChainRecord[] = [];
    let last = firstSequence - 1;
    for (const file of files) {
      const lines = readline.createInterface({ input: fs.createReadStream(path.join(directory, file)), crlfDelay: Infinity });
      for await (const line of lines) {
        if (line === '') continue;
        const record = recordOf(line, last + 1);
        last = record.sequence;
        if (record.sequence < from) continue;
        page.push(record);
        if (page.length >= pageSize) {
          yield page;
          page = [];
        }
      }
    }
    if (page.length > 0) yield page;
  }
  return { pages: pages(), digests, keys, start };
}

/**
 * A line back to its chain record at its place in the files (`position`): the body is the
 * canonical JSON of the event without `hash`, and the sequence it claims stays in the body,
 * so a line moved, dropped or added shows as reordered, missing or inserted.
 */
function recordOf(line: string, position: number): ChainRecord {
  try {
    const { hash, ...event } = JSON.parse(line) as { hash?: unknown; sequence?: unknown; previousHash?: unknown };
    if (typeof hash === 'string' && typeof event.sequence === 'number' && typeof event.previousHash === 'string') {
      return { sequence: position, previousHash: event.previousHash, hash, body: canonicalize(event)! };
    }
  } catch {
    // A line that is not an event: it cannot hash to anything, so it shows as modified.
  }
  return { sequence: position, previousHash: '', hash: '', body: line };
}
