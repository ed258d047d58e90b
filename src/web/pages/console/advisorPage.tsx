import { Hono } from 'hono';
import type { HttpEnv } from '../../../http/HttpEnv.js';
import { callApi } from '../../api/callApi.js';
import { renderPage } from '../../layout/renderPage.js';
import type { PageDeps } from '../../PageDeps.js';
import { ConsolePage } from './ConsolePage.js';
import { consoleViewer } from './consoleViewer.js';
import { Refusal } from './Refusal.js';

/** The advisor's report as GET /admin/advisor answers (the contract agreed between helpers). */
interface AdvisorReport {
  generatedAt: string;
  summary: Record<'critical' | 'high' | 'medium' | 'low' | 'passed' | 'unknown', number>;
  checks: Array<{ id: string; severity: 'critical' | 'high' | 'medium' | 'low'; status: 'fail' | 'pass' | 'unknown'; title: string; finding: string; fix: string }>;
}

const summaryLabels: Array<[keyof AdvisorReport['summary'], string]> = [
  ['critical', 'Critical'],
  ['high', 'High'],
  ['medium', 'Medium'],
  ['low', 'Low'],
  ['passed', 'Passed'],
  ['unknown', 'Unknown'],
];

function Report({ report }: { report: AdvisorReport }) {
  return (
    <div>
      <p>
        {`Checked at ${report.generatedAt}. `}
        <a href="/console/advisor?fresh=1">Check again</a>
      </p>
      <dl class="summary" aria-label="Summary">
        {summaryLabels.map(([key, label]) => (
          <div>
            <dt>{label}</dt>
            <dd>{report.summary[key] ?? 0}</dd>
          </div>
        ))}
      </dl>
      <div class="table-wrap">
        <table>
          <caption>Checks</caption>
          <thead>
            <tr>
              <th scope="col">Severity</th>
              <th scope="col">Status</th>
              <th scope="col">Title</th>
              <th scope="col">Finding</th>
              <th scope="col">Fix</th>
            </tr>
          </thead>
          <tbody>
            {report.checks.map((check) => (
              <tr>
                <td>
                  <span class={`badge sev-${check.severity}`}>{check.severity}</span>
                </td>
                <td>
                  <span class={`badge status-${check.status}`}>{check.status}</span>
                </td>
                <td>{check.title}</td>
                <td>{check.finding}</td>
                <td>{check.fix}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** `/console/advisor`: the security advisor's report (GET /admin/advisor), or why it cannot be shown. */
export function advisorPage({ runtime, api }: PageDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.get('/console/advisor', async (c) => {
    const viewer = consoleViewer(c, runtime);
    if (viewer instanceof Response) return viewer;
    // The API answers the report of the last five minutes unless asked for a fresh one.
    const answer = await callApi(c, api, { method: 'GET', path: c.req.query('fresh') === '1' ? '/admin/advisor?fresh=1' : '/admin/advisor' });
    return renderPage(
      c,
      <ConsolePage title="Advisor" viewer={viewer} current="/console/advisor">
        {answer.status === 200 ? (
          <Report report={answer.body} />
        ) : answer.status === 404 ? (
          <p class="alert" role="alert">
            The advisor is not available
          </p>
        ) : (
          <Refusal answer={answer} path="/console/advisor" />
        )}
      </ConsolePage>,
      answer.status === 404 ? 200 : answer.status,
    );
  });
  return app;
}
