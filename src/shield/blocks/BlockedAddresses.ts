import { isoAt, type Clock } from '../../clock/clock.js';
import type { Store } from '../../store/openDatabase.js';
import { listActiveBlocks } from '../../store/repositories/shieldBlocks.js';

/**
 * The blocks in force, by `addressKey`, held in memory so that a blocked address costs no
 * query: its new connections are closed at accept, before TLS. The database stays the truth:
 * this copy is refreshed from it every `refreshMs` (blocks made by other instances, lifts made
 * by the CLI), and a request from an address it lists is checked against the database before
 * refusal.
 */
export class BlockedAddresses {
  private readonly until = new Map<string, number>();
  private refreshedAt = 0;

  constructor(
    private readonly db: Store,
    private readonly clock: Clock,
  ) {}

  /** When the block of `key` ends (ms), or 0 when this copy knows of none. */
  blockedUntil(key: string): number {
    const until = this.until.get(key) ?? 0;
    if (until === 0) return 0;
    if (until <= this.clock()) {
      this.until.delete(key);
      return 0;
    }
    return until;
  }

  add(key: string, untilMs: number): void {
    this.until.set(key, untilMs);
  }

  remove(key: string): void {
    this.until.delete(key);
  }

  /** Replaces this copy with the blocks in force in the database. */
  async refresh(): Promise<void> {
    const at = this.clock();
    const rows = await listActiveBlocks(this.db, isoAt(at), 100_000);
    this.refreshedAt = at;
    this.until.clear();
    for (const row of rows) this.until.set(row.ip, Date.parse(row.blocked_until));
  }

  /** Refreshes when this copy is older than `maxAgeMs`: for hosts without timers between requests (Lambda). */
  async refreshIfOlderThan(maxAgeMs: number): Promise<void> {
    if (this.clock() - this.refreshedAt >= maxAgeMs) await this.refresh();
  }

  /** Refreshes every `refreshMs` until the returned function is called. */
  keepFresh(refreshMs: number, onError: (error: unknown) => void): () => void {
    const timer = setInterval(() => void this.refresh().catch(onError), refreshMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}
