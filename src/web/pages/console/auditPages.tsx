import { Hono } from 'hono';
import type { HttpEnv } from '../../../http/HttpEnv.js';
import { callApi, type ApiAnswer } from '../../api/callApi.js';
import { problemsOf } from '../../api/problemsOf.js';
import { Field } from '../../components/Field.js';
import { FormAlert } from '../../components/FormAlert.js';
import { renderPage } from '../../layout/renderPage.js';
import type { PageDeps } from '../../PageDeps.js';
import { ConsolePage } from './ConsolePage.js';
import { consoleViewer } from './consoleViewer.js';
import { isRefusal, Refusal } from './Refusal.js';

const filterNames = ['principalId', 'eventName', 'from', 'to'] as const;
const pageSize = 50;

/** An audit event as GET /audit/events answers (the fields the viewer shows). */
interface ShownEvent {
  sequence: number;
  eventTime: string;
  eventName: string;
  userIdentity?: { type?: string; principalId?: string | null; mfaAuthenticated?: boolean };
  sourceIPAddress?: string | null;
  errorCode?: string | null;
}

function Integrity({ answer }: { answer: ApiAnswer }) {
  if (answer.status !== 200) return <Refusal answer={answer} path="/console/audit" />;
  const status = answer.body as { ok: boolean; checkedEvents: number; firstBreak?: { sequence: number; reason: string; detail: string }; verifiedAt: string };
  if (status.ok) {
    return (
      <p class="notice" role="status">
        {`Chain verified: ${status.checkedEvents} events (at ${status.verifiedAt})`}
      </p>
    );
  }
  return (
    <p class="alert" role="alert">
      {`Chain broken at event ${status.firstBreak?.sequence} (${status.firstBreak?.reason}): ${status.firstBreak?.detail}`}
    </p>
  );
}

function EventsTable({ events }: { events: ShownEvent[] }) {
  if (events.length === 0) return <p>No event matches.</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption>Events, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Sequence</th>
            <th scope="col">Time</th>
            <th scope="col">Event</th>
            <th scope="col">Principal</th>
            <th scope="col">Source address</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr>
              <td>{event.sequence}</td>
              <td>{event.eventTime}</td>
              <td>{event.eventName}</td>
              <td>
                <code>{event.userIdentity?.principalId ?? event.userIdentity?.type ?? '—'}</code>
              </td>
              <td>{event.sourceIPAddress ?? '—'}</td>
              <td>{event.errorCode ?? 'OK'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * `/console/audit`: the audit viewer, a client of `GET /audit/events` (filters and cursor) and
 * `GET /audit/integrity`; those the API refuses (administrators who are not auditors) see why.
 */
export function auditPages({ runtime, api }: PageDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.get('/console/audit', async (c) => {
    const viewer = consoleViewer(c, runtime);
    if (viewer instanceof Response) return viewer;
    const filters: Record<string, string> = {};
    for (const name of filterNames) {
      const value = (c.req.query(name) ?? '').trim().slice(0, 128);
      if (value) filters[name] = value;
    }
    const cursor = c.req.query('cursor')?.slice(0, 16);
    const query = new URLSearchParams({ ...filters, ...(cursor ? { cursor } : {}), limit: String(pageSize) });
    const events = await callApi(c, api, { method: 'GET', path: `/audit/events?${query}` });
    const problems = events.status === 400 ? problemsOf(events, [...filterNames]) : undefined;
    // The verifier reads the whole trail: it runs when asked, not on every filter or page.
    const verify = c.req.query('verify') === '1';
    const integrity = isRefusal(events) || !verify ? undefined : await callApi(c, api, { method: 'GET', path: '/audit/integrity' });
    const next = events.status === 200 && events.body.nextCursor ? `/console/audit?${new URLSearchParams({ ...filters, cursor: events.body.nextCursor })}` : undefined;
    return renderPage(
      c,
      <ConsolePage title="Audit" viewer={viewer} current="/console/audit">
        {isRefusal(events) ? (
          <Refusal answer={events} path="/console/audit" />
        ) : (
          <div>
            <section aria-labelledby="integrity-heading">
              <h2 id="integrity-heading">Integrity</h2>
              {integrity ? <Integrity answer={integrity} /> : null}
              <form method="get" action="/console/audit">
                {Object.entries(filters).map(([name, value]) => (
                  <input type="hidden" name={name} value={value} />
                ))}
                <input type="hidden" name="verify" value="1" />
                <button type="submit" class="secondary">
                  Verify the chain
                </button>
              </form>
            </section>
            <form method="get" action="/console/audit" class="filters">
              <FormAlert message={problems?.form} />
              <Field name="principalId" label="Principal" value={filters.principalId} hint="A user id" error={problems?.fields.principalId} />
              <Field name="eventName" label="Event name" value={filters.eventName} hint="e.g. SignIn, CreateGrade" error={problems?.fields.eventName} />
              <Field name="from" label="From" value={filters.from} hint="e.g. 2026-11-25T00:00:00Z" error={problems?.fields.from} />
              <Field name="to" label="To" value={filters.to} hint="e.g. 2026-11-25T23:59:59Z" error={problems?.fields.to} />
              <button type="submit">Filter</button>
            </form>
            {events.status === 200 ? <EventsTable events={events.body.events} /> : null}
            {next ? (
              <p>
                <a href={next}>Next page</a>
              </p>
            ) : null}
          </div>
        )}
      </ConsolePage>,
      events.status,
    );
  });
  return app;
}
