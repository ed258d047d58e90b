import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { HttpEnv } from '../../../http/HttpEnv.js';
import { callApi } from '../../api/callApi.js';
import { refusalStatus } from '../../api/refusalStatus.js';
import { problemsOf, type Problems } from '../../api/problemsOf.js';
import { formText, readForm } from '../../form/readForm.js';
import { renderPage } from '../../layout/renderPage.js';
import { viewerOf, type Viewer } from '../../layout/viewerOf.js';
import type { PageDeps } from '../../PageDeps.js';
import { answerRefusal, notFoundPage, toSignIn } from './answerRefusal.js';
import { ChannelPage, ChannelsPage } from './ChannelsPage.js';

const anId = /^[A-Za-z0-9_-]{1,64}$/;
const openForm = z.object({ csrf: formText(128), peerEmail: formText(320) });
const messageForm = z.object({ csrf: formText(128), text: formText(4000) });
const noSuchChannel = 'There is no such channel.';

/** `/channels`: choose someone by address, list one's channels, talk in one live; nobody else's channel opens. */
export function channelPages({ runtime, api }: PageDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();

  async function channelsPage(c: Context<HttpEnv>, viewer: Viewer, refused?: { peerEmail: string; problems: Problems; status: number }) {
    const listed = await callApi(c, api, { method: 'GET', path: '/api/channels' });
    if (listed.status !== 200) return answerRefusal(c, runtime, listed, '/channels', noSuchChannel);
    return renderPage(c, <ChannelsPage viewer={viewer} channels={listed.body.channels} peerEmail={refused?.peerEmail} problems={refused?.problems} />, refused?.status ?? 200);
  }

  async function channelPage(c: Context<HttpEnv>, viewer: Viewer, id: string, refused?: { text: string; problems: Problems; status: number }) {
    const answer = await callApi(c, api, { method: 'GET', path: `/api/channels/${id}` });
    // Outside the pair a channel answers 404 like a missing one: the page shows nothing of it either.
    if (answer.status !== 200) return answerRefusal(c, runtime, answer, `/channels/${id}`, noSuchChannel);
    return renderPage(c, <ChannelPage viewer={viewer} {...answer.body} text={refused?.text} problems={refused?.problems} />, refused?.status ?? 200);
  }

  app.get('/channels', async (c) => {
    const viewer = viewerOf(c, runtime);
    if (!viewer) return toSignIn(c, '/channels');
    return channelsPage(c, viewer);
  });

  app.post('/channels', async (c) => {
    const form = await readForm(c, openForm);
    const viewer = viewerOf(c, runtime);
    if (!viewer) return toSignIn(c, '/channels');
    const answer = await callApi(c, api, { method: 'POST', path: '/api/channels', json: { peerEmail: form.peerEmail }, csrfToken: form.csrf });
    if (answer.status === 200) return c.redirect(`/channels/${encodeURIComponent(answer.body.channelId)}`, 303);
    if (answer.status === 401) return answerRefusal(c, runtime, answer, '/channels', noSuchChannel);
    const problems = problemsOf(answer, ['peerEmail']);
    // "No such user" and the like are about the one field the form has.
    const beside = problems.form ? { fields: { peerEmail: problems.form }, code: problems.code } : problems;
    return channelsPage(c, viewer, { peerEmail: form.peerEmail, problems: beside, status: refusalStatus(c, answer) });
  });

  app.get('/channels/:id', async (c) => {
    const id = c.req.param('id');
    const viewer = viewerOf(c, runtime);
    if (!viewer) return toSignIn(c, `/channels/${encodeURIComponent(id)}`);
    // Only an id goes into the API's path: `..` or `/` would reach another route.
    if (!anId.test(id)) return notFoundPage(c, runtime, noSuchChannel);
    return channelPage(c, viewer, id);
  });

  app.post('/channels/:id', async (c) => {
    const form = await readForm(c, messageForm);
    const id = c.req.param('id');
    const viewer = viewerOf(c, runtime);
    if (!viewer) return toSignIn(c, '/channels');
    if (!anId.test(id)) return notFoundPage(c, runtime, noSuchChannel);
    const answer = await callApi(c, api, { method: 'POST', path: `/api/channels/${id}/messages`, json: { text: form.text }, csrfToken: form.csrf });
    if (answer.status === 201) return c.redirect(`/channels/${id}`, 303);
    if (answer.status === 400) return channelPage(c, viewer, id, { text: form.text, problems: problemsOf(answer, ['text']), status: 400 });
    return answerRefusal(c, runtime, answer, `/channels/${id}`, noSuchChannel);
  });

  return app;
}
