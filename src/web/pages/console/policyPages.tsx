import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { HttpEnv } from '../../../http/HttpEnv.js';
import { callApi } from '../../api/callApi.js';
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
import { TextAreaField } from './TextAreaField.js';

const editForm = z.object({ csrf: formText(128), file: formText(80), policies: formText(65_536), intent: z.enum(['validate', 'save']) });

// Fixed messages by name: nothing from the query string is echoed into the page.
const notices: Record<string, string> = { saved: 'Saved. This instance enforces the new policies now; other instances when they restart.' };

/** What the editor shows after a check or a refused save. */
interface EditState {
  text: string;
  errors?: string[];
  valid?: boolean;
  form?: string;
}

/** `/console/policies`: the Cedar schema and policies, and an editor that checks a policy file before saving it. */
export function policyPages({ runtime, api }: PageDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();

  const show = async (c: Context<HttpEnv>, viewer: Viewer, file: string | undefined, edit?: EditState, status?: number) => {
    const answer = await callApi(c, api, { method: 'GET', path: '/admin/policies' });
    const sources = answer.status === 200 ? (answer.body as { schema: string; files: Array<{ name: string; text: string }> }) : undefined;
    const current = sources?.files.find((f) => f.name === file) ?? sources?.files[0];
    return renderPage(
      c,
      <ConsolePage title="Policies" viewer={viewer} current="/console/policies">
        {!sources || !current ? (
          <Refusal answer={answer} path="/console/policies" />
        ) : (
          <div>
            <Notice message={edit ? (edit.valid ? 'The policies are valid with this edit. Nothing was saved.' : undefined) : notices[c.req.query('notice') ?? '']} />
            <FormAlert message={edit?.form} />
            <nav aria-label="Files">
              <ul class="files">
                {sources.files.map((f) => (
                  <li>
                    <a href={`/console/policies?file=${encodeURIComponent(f.name)}`} aria-current={f.name === current.name ? 'page' : undefined}>
                      {f.name}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <section aria-labelledby="edit-heading">
              <h2 id="edit-heading">{`Edit ${current.name}`}</h2>
              <form method="post" action="/console/policies">
                <CsrfField token={viewer.csrfToken} />
                <input type="hidden" name="file" value={current.name} />
                <TextAreaField
                  name="policies"
                  label="Policy"
                  value={edit?.text ?? current.text}
                  errors={edit?.errors}
                  hint="Validate checks the edit against the schema, with every other file, without saving. Save applies it only when it validates."
                />
                <div class="actions">
                  <button type="submit" name="intent" value="validate" class="secondary">
                    Validate
                  </button>
                  <button type="submit" name="intent" value="save">
                    Save
                  </button>
                </div>
              </form>
            </section>
            <section aria-labelledby="schema-heading">
              <h2 id="schema-heading">Schema</h2>
              <pre class="source">
                <code>{sources.schema}</code>
              </pre>
            </section>
          </div>
        )}
      </ConsolePage>,
      status ?? refusalStatus(c, answer),
    );
  };

  app.get('/console/policies', async (c) => {
    const viewer = consoleViewer(c, runtime);
    if (viewer instanceof Response) return viewer;
    return show(c, viewer, c.req.query('file'));
  });

  app.post('/console/policies', async (c) => {
    const viewer = consoleViewer(c, runtime);
    if (viewer instanceof Response) return viewer;
    const form = await readForm(c, editForm);
    // Browsers send a textarea's lines with CRLF; the files keep LF.
    const text = form.policies.replace(/\r\n/g, '\n');
    if (form.intent === 'validate') {
      const answer = await callApi(c, api, { method: 'POST', path: '/admin/policies/validate', json: { file: form.file, policies: text }, csrfToken: form.csrf });
      if (answer.status === 200) return show(c, viewer, form.file, { text, valid: answer.body.valid, errors: answer.body.errors });
      return show(c, viewer, form.file, { text, form: answer.body?.error?.message ?? `The check failed (${answer.status})` }, refusalStatus(c, answer));
    }
    const answer = await callApi(c, api, { method: 'PUT', path: `/admin/policies/${segment(form.file)}`, json: { policies: text }, csrfToken: form.csrf });
    if (answer.status === 200) return c.redirect(`/console/policies?file=${encodeURIComponent(form.file)}&notice=saved`, 303);
    const issues: Array<{ field?: string; message?: string }> = answer.body?.error?.details?.issues ?? [];
    const errors = issues.filter((issue) => issue.field === 'policies').map((issue) => issue.message ?? '');
    if (errors.length > 0) return show(c, viewer, form.file, { text, errors, form: 'Not saved: the policies do not validate with this edit.' }, refusalStatus(c, answer));
    return show(c, viewer, form.file, { text, form: answer.body?.error?.message ?? `Not saved (${answer.status})` }, refusalStatus(c, answer));
  });

  return app;
}
