import { Hono } from 'hono';
import { z } from 'zod';
import type { HttpEnv } from '../../../http/HttpEnv.js';
import { callApi, type ApiAnswer } from '../../api/callApi.js';
import { refusalStatus } from '../../api/refusalStatus.js';
import { CsrfField } from '../../components/CsrfField.js';
import { FormAlert, Notice } from '../../components/FormAlert.js';
import { formText, readForm } from '../../form/readForm.js';
import { renderPage } from '../../layout/renderPage.js';
import type { Viewer } from '../../layout/viewerOf.js';
import type { PageDeps } from '../../PageDeps.js';
import { ConsolePage } from './ConsolePage.js';
import { consoleViewer } from './consoleViewer.js';
import { isRefusal, Refusal } from './Refusal.js';
import { segment } from './segment.js';

const liftForm = z.object({ csrf: formText(128), ip: formText(64) });

// Fixed messages by name: nothing from the query string is echoed into the page.
const notices: Record<string, string> = { lifted: 'The block is lifted.' };

interface Block {
  ip: string;
  strikes: number;
  reason: string;
  blockedAt: string;
  blockedUntil: string;
}

function BlocksPage({ viewer, answer, notice, failure }: { viewer: Viewer; answer: ApiAnswer; notice?: string; failure?: string }) {
  const blocks: Block[] = answer.status === 200 ? answer.body.blocks : [];
  return (
    <ConsolePage title="Blocks" viewer={viewer} current="/console/blocks">
      {isRefusal(answer) ? (
        <Refusal answer={answer} path="/console/blocks" />
      ) : (
        <div>
          <Notice message={notice} />
          <FormAlert message={failure} />
          {blocks.length === 0 ? (
            <p>No client is blocked.</p>
          ) : (
            <div class="table-wrap">
              <table>
                <caption>Blocked clients</caption>
                <thead>
                  <tr>
                    <th scope="col">Address</th>
                    <th scope="col">Reason</th>
                    <th scope="col">Blocks so far</th>
                    <th scope="col">Blocked until</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  {blocks.map((block) => (
                    <tr>
                      <td>
                        <code>{block.ip}</code>
                      </td>
                      <td>{block.reason}</td>
                      <td>{block.strikes}</td>
                      <td>{block.blockedUntil}</td>
                      <td>
                        <form method="post" action="/console/blocks/lift" class="inline">
                          <CsrfField token={viewer.csrfToken} />
                          <input type="hidden" name="ip" value={block.ip} />
                          <button type="submit" class="secondary">
                            Lift<span class="visually-hidden">{` the block of ${block.ip}`}</span>
                          </button>
                        </form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </ConsolePage>
  );
}

/** `/console/blocks`: the clients the shield blocked (GET /admin/shield/blocks), each with "Lift". */
export function blockPages({ runtime, api }: PageDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.get('/console/blocks', async (c) => {
    const viewer = consoleViewer(c, runtime);
    if (viewer instanceof Response) return viewer;
    const answer = await callApi(c, api, { method: 'GET', path: '/admin/shield/blocks' });
    return renderPage(c, <BlocksPage viewer={viewer} answer={answer} notice={notices[c.req.query('notice') ?? '']} />, refusalStatus(c, answer));
  });
  app.post('/console/blocks/lift', async (c) => {
    const viewer = consoleViewer(c, runtime);
    if (viewer instanceof Response) return viewer;
    const form = await readForm(c, liftForm);
    const lifted = await callApi(c, api, { method: 'DELETE', path: `/admin/shield/blocks/${segment(form.ip)}`, csrfToken: form.csrf });
    if (lifted.status === 200) return c.redirect('/console/blocks?notice=lifted', 303);
    const answer = await callApi(c, api, { method: 'GET', path: '/admin/shield/blocks' });
    const failure = lifted.body?.error?.message ?? `The block was not lifted (${lifted.status})`;
    return renderPage(c, <BlocksPage viewer={viewer} answer={answer} failure={failure} />, refusalStatus(c, lifted));
  });
  return app;
}
