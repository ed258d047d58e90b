import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { GatehouseError } from '../../errors/GatehouseError.js';
import { authenticationResponse } from '../../mfa/webauthn/responseSchemas.js';
import { checkConfirmation } from '../../mfa/webauthn/confirmation/checkConfirmation.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { actorIdOf } from '../../http/actorIdOf.js';
import { authorizeCaller } from '../../http/authorizeCaller.js';
import type { HttpEnv } from '../../http/HttpEnv.js';
import { event } from '../../http/middleware/event.js';
import { readJson, readParams, readQuery } from '../../http/readInput.js';
import { createGrade } from './createGrade.js';
import { getGrade } from './getGrade.js';
import { gradeUpdateAction } from './gradeUpdateAction.js';
import { listGrades } from './listGrades.js';
import { listStudents } from './listStudents.js';
import { requestGradeConfirmation } from './requestGradeConfirmation.js';
import { updateGrade } from './updateGrade.js';

// Built once: zod compiles a schema on first use, so per-request schemas cost every request.
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be an id');
const score = z.number().min(0).max(1000);
const gradeId = z.object({ id });
const newGrade = z.strictObject({ studentId: id, course: z.string().trim().min(1).max(200), score });
const scoreChange = z.strictObject({ score, confirmation: z.strictObject({ response: authenticationResponse }).optional() });
const confirmationAsk = z.strictObject({ score });
const listQuery = z.strictObject({ studentId: id.optional() });

/** The school app: teachers write grades, students read their own. Mounted after `requireCaller`. */
export function gradeRoutes(runtime: Runtime): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();

  app.post('/', event('CreateGrade', 201), async (c) => {
    const input = await readJson(c, newGrade);
    const grade = await createGrade(runtime, authorizeCaller(c, runtime.authorizer), { actorId: actorIdOf(c), ...input }, c.var.transact);
    return c.json(grade, 201);
  });

  app.put('/:id', event('UpdateGrade'), async (c) => {
    const { id } = readParams(c, gradeId);
    const input = await readJson(c, scoreChange);
    // A signed confirmation, when sent, must cover exactly this update (see POST /:id/confirmation).
    const confirmation = input.confirmation && (await checkConfirmation(runtime, { ...confirmingUser(c), requestId: c.var.requestId, ...gradeUpdateAction(id, input.score), response: input.confirmation.response }));
    // The key's signature over this very update is a second factor proven now (Cedar: mfa, authAge 0).
    if (confirmation) c.set('caller', { ...c.var.caller!, session: { ...c.var.caller!.session, mfa: 1 }, authAge: 0 });
    return c.json(await updateGrade(runtime, authorizeCaller(c, runtime.authorizer), { gradeId: id, score: input.score, confirmation }, c.var.transact));
  });

  app.post('/:id/confirmation', event('RequestGradeConfirmation'), async (c) => {
    const { id } = readParams(c, gradeId);
    const input = await readJson(c, confirmationAsk);
    const { actor, sessionId } = confirmingUser(c);
    return c.json(await requestGradeConfirmation(runtime, authorizeCaller(c, runtime.authorizer), { actorId: actor, sessionId, gradeId: id, score: input.score }, c.var.transact));
  });

  // Before `/:id`, which would read "students" as a grade id.
  app.get('/students', event('ListStudents'), async (c) => c.json({ students: await listStudents(runtime, authorizeCaller(c, runtime.authorizer)) }));

  app.get('/:id', event('GetGrade'), async (c) => {
    const { id } = readParams(c, gradeId);
    return c.json(await getGrade(runtime, authorizeCaller(c, runtime.authorizer), id));
  });

  app.get('/', event('ListGrades'), async (c) => {
    const query = readQuery(c, listQuery);
    // Without studentId a user lists their own grades; a machine client has none, so it must name the student.
    const studentId = query.studentId ?? c.var.caller?.user.id;
    if (!studentId) throw new GatehouseError('VALIDATION_ERROR', 'studentId: a machine client names the student');
    return c.json({ grades: await listGrades(runtime, authorizeCaller(c, runtime.authorizer), studentId) });
  });

  return app;
}

/** The signed-in user confirming an action with their key, and their session; a machine client holds no key. */
function confirmingUser(c: Context<HttpEnv>): { actor: string; sessionId: string } {
  const caller = c.get('caller');
  if (!caller) throw new GatehouseError('ACCESS_DENIED', 'Only a signed-in user confirms an action with a security key');
  return { actor: caller.user.id, sessionId: caller.session.id };
}
