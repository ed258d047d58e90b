import type { TestServer } from '../support/testServer.js';

/** The audit events recorded so far, parsed, oldest first. */
export async function auditEvents(gh: TestServer): Promise<any[]> {
  const rows = await gh.runtime.db.selectFrom('audit_events').select('body').orderBy('sequence').execute();
  return rows.map((row) => JSON.parse(row.body));
}

/** How many answers had each status. */
export function statusCounts(statuses: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
