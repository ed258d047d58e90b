import fs from 'node:fs';
import path from 'node:path';
import canonicalize from 'canonicalize';
import { GatehouseError } from '../errors/GatehouseError.js';
import type { Store } from '../store/openDatabase.js';
import { listAuditDigests } from '../store/repositories/auditDigests.js';
import { findFirstAuditEvent, listAuditEventsAfter } from '../store/repositories/auditEvents.js';
import { listAuditPublicKeys } from '../store/repositories/auditKeys.js';
import { parseDigest } from './parseDigest.js';

/** The files of an export: events as JSON Lines, their digests, the public keys. */
export const exportFiles = {
  events: /^events-(\d{12})-(\d{12})\.jsonl$/,
  digests: 'digests.jsonl',
  publicKeys: 'public-keys.json',
} as const;

const eventsPerFile = 100_000;
const pageSize = 5000;

/** What an export wrote. */
export interface ExportSummary {
  directory: string;
  fromSequence: number | null;
  throughSequence: number | null;
  events: number;
  digests: number;
  files: string[];
}

const name = (from: number, to: number) => `events-${String(from).padStart(12, '0')}-${String(to).padStart(12, '0')}.jsonl`;

/**
 * Writes the chain from its oldest stored event through `through` (a digest's end) into `directory`:
 * one event per line as its canonical JSON with `hash`, up to 100,000 a file; every digest that
 * covers them (and the one just before, which anchors the first event's `previousHash`), one per
 * line with its signature; and the public keys. `gatehouse audit verify --dir` checks them with
 * no database. Refuses a directory that already holds an export.
 */
export async function exportTrail(db: Store, directory: string, through: number): Promise<ExportSummary> {
  fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
  if (fs.readdirSync(directory).some((file) => exportFiles.events.test(file) || file === exportFiles.digests)) {
    throw new GatehouseError('CONFLICT', `${directory} already holds an export`);
  }
  const first = await findFirstAuditEvent(db);
  const fromSequence = first ? Number(first.sequence) : null;
  const files: string[] = [];
  let events = 0;
  let lastWritten: number | null = null;

  let buffer: string[] = [];
  let bufferFrom = 0;
  const flush = () => {
    if (buffer.length === 0) return;
    const file = name(bufferFrom, lastWritten!);
    fs.writeFileSync(path.join(directory, file), buffer.join(''), { mode: 0o600, flag: 'wx' });
    files.push(file);
    buffer = [];
  };
  if (fromSequence !== null) {
    let after = fromSequence - 1;
    for (;;) {
      const rows = await listAuditEventsAfter(db, after, pageSize, through);
      if (rows.length === 0) break;
      for (const row of rows) {
        if (buffer.length === 0) bufferFrom = Number(row.sequence);
        buffer.push(`${canonicalize({ ...(JSON.parse(row.body) as object), hash: row.hash })}\n`);
        lastWritten = Number(row.sequence);
        events++;
        if (buffer.length >= eventsPerFile) flush();
      }
      after = Number(rows.at(-1)!.sequence);
    }
    flush();
  }

  const digests = (await listAuditDigests(db)).filter((row) => fromSequence !== null && Number(row.to_sequence) >= fromSequence - 1 && Number(row.to_sequence) <= through);
  const digestLines = digests.map((row) => {
    const digest = parseDigest(row.body, row.signature, { fromSequence: Number(row.from_sequence), toSequence: Number(row.to_sequence) });
    return `${canonicalize(digest)}\n`;
  });
  fs.writeFileSync(path.join(directory, exportFiles.digests), digestLines.join(''), { mode: 0o600, flag: 'wx' });
  const keys = (await listAuditPublicKeys(db)).map((row) => ({ fingerprint: row.fingerprint, publicKey: row.public_key, createdAt: row.created_at, retiredAt: row.retired_at }));
  fs.writeFileSync(path.join(directory, exportFiles.publicKeys), `${JSON.stringify({ keys }, null, 2)}\n`, { mode: 0o600, flag: 'w' });
  return { directory, fromSequence, throughSequence: lastWritten, events, digests: digests.length, files: [...files, exportFiles.digests, exportFiles.publicKeys] };
}
