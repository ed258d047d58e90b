import { rootGroup } from '../../identity/admin/initRoot.js';
import { isoAt } from '../../clock/clock.js';
import type { AdvisorCheck } from '../AdvisorCheck.js';
import { groupMembers } from '../groupMembers.js';

const windowDays = 30;
// Administration: the console and /admin, the audit trail, and signing in to do them. The
// applications (/api) and API tokens for them are daily use.
const dailyUse = (source: string, path: string) => source === 'api.gatehouse' || path.startsWith('/auth/token');
// Root signs in rarely; past this many events in the window the check stops reading.
const maxEvents = 10_000;

/** Root is for administration only (AWS: "don't use the root user for everyday tasks"). */
export const rootDailyUse: AdvisorCheck = {
  id: 'root-daily-use',
  severity: 'high',
  title: 'Root account used for more than administration',
  fix: 'Use a member of `admins` (or an application account) for daily work and keep root for tasks only root can do; find the calls with GET /audit/events?principalId=<root id>.',
  async run({ db, now }) {
    const roots = await groupMembers(db, rootGroup, now);
    if (roots.length === 0) return { status: 'pass', finding: 'No root account exists.' };
    const since = isoAt(now - windowDays * 86_400_000);
    const rows = await db
      .selectFrom('audit_events')
      .select(['body'])
      .where('principal_id', 'in', roots.map((root) => root.id))
      .where('event_time', '>=', since)
      .orderBy('sequence', 'desc')
      .limit(maxEvents)
      .execute();
    const used = rows
      .map((row) => JSON.parse(row.body) as { eventName: string; eventSource: string; eventTime: string; additionalEventData?: { path?: string } })
      .filter((event) => dailyUse(event.eventSource, event.additionalEventData?.path ?? ''));
    if (used.length === 0) return { status: 'pass', finding: `Root made no call outside administration in the last ${windowDays} days.` };
    const names = [...new Set(used.map((event) => event.eventName))].slice(0, 5).join(', ');
    return { status: 'fail', finding: `Root made ${used.length} call(s) outside administration in the last ${windowDays} days (${names}; last at ${used[0]!.eventTime}).` };
  },
};
