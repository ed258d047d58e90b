import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { HttpEnv } from '../../../http/HttpEnv.js';
import { callApi, type ApiAnswer, type ApiFetch } from '../../api/callApi.js';
import { refusalStatus } from '../../api/refusalStatus.js';
import { problemsOf, type Problems } from '../../api/problemsOf.js';
import { qrSvg } from '../../components/qrSvg.js';
import { otpKeyFields } from '../../form/otpKeyFields.js';
import { formText, readForm } from '../../form/readForm.js';
import { renderPage } from '../../layout/renderPage.js';
import type { Viewer } from '../../layout/viewerOf.js';
import type { PageDeps } from '../../PageDeps.js';
import { RecoveryCodesPage } from './RecoveryCodesPage.js';
import { SecurityPage, securityPath, type SecurityPageProps, type SecuritySection } from './SecurityPage.js';
import { signedInViewer } from './signedInViewer.js';
import { SmsVerifyPage } from './SmsVerifyPage.js';
import { TotpSetupPage } from './TotpSetupPage.js';

const csrf = formText(128);
const plainForm = z.object({ csrf });
const totpEnableForm = z.object({ csrf, factorId: formText(64), ...otpKeyFields, code: formText(64) });
const hotpForm = z.object({ csrf, secret: formText(128), code: formText(64), label: formText(100) });
const smsForm = z.object({ csrf, phone: formText(32) });
const factorCodeForm = z.object({ csrf, factorId: formText(64), code: formText(64) });
const removeForm = z.object({ csrf, factorId: formText(64) });

// Fixed messages by name: nothing from the query string is echoed into the page.
const notices: Record<string, string> = {
  'factor-added': 'The second factor is added.',
  'factor-removed': 'The second factor is removed.',
  'key-added': 'The security key is registered.',
};

/**
 * A refused code is the code field's error, and so is a message the API opens with a field's
 * name (`secret: must be…`); anything else stays the form's.
 */
function codeProblems(answer: ApiAnswer, fields: string[]): Problems {
  const problems = problemsOf(answer, fields);
  if (problems.code === 'INVALID_CODE' && fields.includes('code')) return { fields: { code: problems.form ?? 'That code was not accepted' }, code: problems.code };
  const named = problems.form ? /^(\w+): (.+)$/.exec(problems.form) : null;
  if (named && fields.includes(named[1]!)) return { fields: { [named[1]!]: named[2]! }, code: problems.code };
  return problems;
}

async function securityPage(c: Context<HttpEnv>, api: ApiFetch, viewer: Viewer, extra: Partial<SecurityPageProps> = {}, status = 200): Promise<Response> {
  const answer = await callApi(c, api, { method: 'GET', path: '/auth/mfa' });
  if (answer.status === 401) return c.redirect(`/sign-in?next=${encodeURIComponent(securityPath)}`, 303);
  const listed = answer.status === 200 ? answer.body : { factors: [], recoveryCodesLeft: 0 };
  const notice = notices[c.req.query('notice') ?? ''];
  return renderPage(c, <SecurityPage viewer={viewer} factors={listed.factors} recoveryCodesLeft={listed.recoveryCodesLeft} notice={notice} {...extra} />, status);
}

function refusedIn(section: SecuritySection, answer: ApiAnswer, fields: string[], values?: Record<string, string>): Partial<SecurityPageProps> {
  return { refused: { section, problems: codeProblems(answer, fields), values } };
}

/** After enabling a factor: the recovery codes when this was the first, else back to the list. */
function enabled(c: Context<HttpEnv>, viewer: Viewer, answer: ApiAnswer, intro: string) {
  const codes: string[] | undefined = answer.body?.recoveryCodes;
  if (codes?.length) return renderPage(c, <RecoveryCodesPage viewer={viewer} codes={codes} intro={intro} />);
  return c.redirect(`${securityPath}?notice=factor-added`, 303);
}

/** `/account/security`: list, add and remove second factors; new recovery codes. Each change is an API call. */
export function securityPages({ runtime, api }: PageDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  const viewerOr = (c: Context<HttpEnv>) => signedInViewer(c, runtime, securityPath);

  app.get(securityPath, (c) => {
    const viewer = viewerOr(c);
    return viewer instanceof Response ? viewer : securityPage(c, api, viewer);
  });

  app.post(`${securityPath}/totp`, async (c) => {
    const viewer = viewerOr(c);
    if (viewer instanceof Response) return viewer;
    const form = await readForm(c, plainForm);
    const answer = await callApi(c, api, { method: 'POST', path: '/auth/mfa/totp/setup', json: {}, csrfToken: form.csrf });
    if (answer.status !== 200) return securityPage(c, api, viewer, refusedIn('totp', answer, []), refusalStatus(c, answer));
    return renderPage(c, <TotpSetupPage viewer={viewer} setup={answer.body} />);
  });

  app.post(`${securityPath}/totp/enable`, async (c) => {
    const viewer = viewerOr(c);
    if (viewer instanceof Response) return viewer;
    const form = await readForm(c, totpEnableForm);
    const answer = await callApi(c, api, { method: 'POST', path: '/auth/mfa/totp/enable', json: { factorId: form.factorId, code: form.code }, csrfToken: form.csrf });
    if (answer.status === 200) return enabled(c, viewer, answer, 'Your authenticator app is set up.');
    const problems = codeProblems(answer, ['code']);
    // A wrong code keeps the step open: the same key again (its QR code redrawn from the form), so nothing is scanned twice.
    if (problems.fields.code) {
      const setup = { factorId: form.factorId, secret: form.secret, otpauthUri: form.otpauthUri, qrSvg: await qrSvg(form.otpauthUri) };
      return renderPage(c, <TotpSetupPage viewer={viewer} setup={setup} problems={problems} />, refusalStatus(c, answer));
    }
    return securityPage(c, api, viewer, refusedIn('totp', answer, []), refusalStatus(c, answer));
  });

  app.post(`${securityPath}/hotp`, async (c) => {
    const viewer = viewerOr(c);
    if (viewer instanceof Response) return viewer;
    const form = await readForm(c, hotpForm);
    const answer = await callApi(c, api, { method: 'POST', path: '/auth/mfa/hotp/enable', json: { secret: form.secret, code: form.code, label: form.label }, csrfToken: form.csrf });
    if (answer.status === 200) return enabled(c, viewer, answer, 'Your hardware token is added.');
    return securityPage(c, api, viewer, refusedIn('hotp', answer, ['secret', 'code', 'label'], { secret: form.secret, label: form.label }), refusalStatus(c, answer));
  });

  app.post(`${securityPath}/sms`, async (c) => {
    const viewer = viewerOr(c);
    if (viewer instanceof Response) return viewer;
    const form = await readForm(c, smsForm);
    const answer = await callApi(c, api, { method: 'POST', path: '/auth/mfa/sms/setup', json: { phone: form.phone }, csrfToken: form.csrf });
    if (answer.status !== 200) return securityPage(c, api, viewer, refusedIn('sms', answer, ['phone'], { phone: form.phone }), refusalStatus(c, answer));
    return renderPage(c, <SmsVerifyPage viewer={viewer} factorId={answer.body.factorId} to={answer.body.to} />);
  });

  app.post(`${securityPath}/sms/enable`, async (c) => {
    const viewer = viewerOr(c);
    if (viewer instanceof Response) return viewer;
    const form = await readForm(c, factorCodeForm);
    const answer = await callApi(c, api, { method: 'POST', path: '/auth/mfa/sms/enable', json: { factorId: form.factorId, code: form.code }, csrfToken: form.csrf });
    if (answer.status === 200) return enabled(c, viewer, answer, 'Your phone is confirmed.');
    const problems = codeProblems(answer, ['code']);
    if (problems.fields.code) return renderPage(c, <SmsVerifyPage viewer={viewer} factorId={form.factorId} problems={problems} />, refusalStatus(c, answer));
    return securityPage(c, api, viewer, refusedIn('sms', answer, []), refusalStatus(c, answer));
  });

  app.post(`${securityPath}/recovery`, async (c) => {
    const viewer = viewerOr(c);
    if (viewer instanceof Response) return viewer;
    const form = await readForm(c, plainForm);
    const answer = await callApi(c, api, { method: 'POST', path: '/auth/mfa/recovery/regenerate', json: {}, csrfToken: form.csrf });
    if (answer.status !== 200) return securityPage(c, api, viewer, refusedIn('recovery', answer, []), refusalStatus(c, answer));
    return renderPage(c, <RecoveryCodesPage viewer={viewer} codes={answer.body.recoveryCodes} intro="New recovery codes are made; the old ones no longer work." />);
  });

  app.post(`${securityPath}/remove`, async (c) => {
    const viewer = viewerOr(c);
    if (viewer instanceof Response) return viewer;
    const form = await readForm(c, removeForm);
    const answer = await callApi(c, api, { method: 'DELETE', path: `/auth/mfa/${encodeURIComponent(form.factorId)}`, csrfToken: form.csrf });
    if (answer.status === 204) return c.redirect(`${securityPath}?notice=factor-removed`, 303);
    // Removing a factor needs a proven one, recently: the step-up page proves it and comes back.
    if (answer.body?.error?.code === 'STEP_UP_REQUIRED') return c.redirect(`/step-up?next=${encodeURIComponent(securityPath)}`, 303);
    return securityPage(c, api, viewer, refusedIn('factors', answer, []), refusalStatus(c, answer));
  });

  return app;
}
