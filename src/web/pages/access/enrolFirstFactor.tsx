import type { Context } from 'hono';
import type { HttpEnv } from '../../../http/HttpEnv.js';
import { callApi } from '../../api/callApi.js';
import { refusalStatus } from '../../api/refusalStatus.js';
import { renderPage } from '../../layout/renderPage.js';
import type { PageDeps } from '../../PageDeps.js';
import { EnrolEndedPage, EnrolFactorPage } from './EnrolFactorPage.js';

/**
 * The sign-in answered MFA_SETUP_REQUIRED (root, or an admin without a factor): starts an
 * authenticator app with the setupToken (`X-Setup-Token`) and draws the enrolment page,
 * which keeps the token in a hidden field.
 */
export async function enrolFirstFactor(c: Context<HttpEnv>, { api }: PageDeps, setupToken: string, next?: string): Promise<Response> {
  const setup = await callApi(c, api, { method: 'POST', path: '/auth/mfa/totp/setup', json: {}, headers: { 'x-setup-token': setupToken } });
  if (setup.status !== 200) return renderPage(c, <EnrolEndedPage />, refusalStatus(c, setup));
  const pending = { setupToken, factorId: setup.body.factorId, secret: setup.body.secret, uri: setup.body.otpauthUri, next };
  return renderPage(c, <EnrolFactorPage pending={pending} />);
}
