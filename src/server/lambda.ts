// AWS Lambda entry behind API Gateway: HTTP API (payload 2.0) and REST API (1.0) events,
// through Hono's own adapter, so the app is the same one the Node server runs.
import type { Context } from 'hono';
import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { loadConfig } from '../config/loadConfig.js';
import { GatehouseError } from '../errors/GatehouseError.js';
import { createApp } from '../http/createApp.js';
import type { HttpEnv } from '../http/HttpEnv.js';
import { createRuntime } from '../runtime/createRuntime.js';
import type { Runtime } from '../runtime/Runtime.js';

type Handle = ReturnType<typeof handle>;

/**
 * The caller's address as API Gateway saw the TCP connection (`requestContext`): never a
 * header, which the caller writes.
 */
function sourceIpOf(c: Context<HttpEnv>): string | null {
  const context = (c.env as { requestContext?: { http?: { sourceIp?: string }; identity?: { sourceIp?: string } } } | undefined)?.requestContext;
  return context?.http?.sourceIp ?? context?.identity?.sourceIp ?? null;
}

/**
 * Builds the app from the environment once per Lambda instance. A function's instances share
 * nothing but what the environment names, so it insists on PostgreSQL, the public URL and
 * the keys coming from there (Secrets Manager, see deploy/template.yaml).
 */
async function build(env: Record<string, string | undefined>): Promise<{ handle: Handle; runtime: Runtime }> {
  const config = loadConfig(env, { dataDir: env.GATEHOUSE_DATA_DIR ?? '/tmp/gatehouse' });
  const missing = [
    config.databaseUrl.startsWith('postgres') ? undefined : 'GATEHOUSE_DATABASE_URL (postgres://…)',
    config.publicUrlDerived ? 'GATEHOUSE_PUBLIC_URL' : undefined,
    config.hmacKey ? undefined : 'GATEHOUSE_HMAC_KEY',
    config.masterKey ? undefined : 'GATEHOUSE_MASTER_KEY',
  ].filter(Boolean);
  if (missing.length > 0) throw new GatehouseError('CONFIG_INVALID', `on Lambda, set ${missing.join(', ')}`);
  const runtime = await createRuntime(config);
  return { handle: handle(createApp(runtime, sourceIpOf)), runtime };
}

let built: Promise<{ handle: Handle; runtime: Runtime }> | undefined;

/** The Lambda handler: `deploy/template.yaml` points the function at `dist/server/lambda.handler`. */
export async function handler(event: LambdaEvent, context: LambdaContext) {
  built ??= build(process.env).catch((error: unknown) => {
    // The next invocation tries again (a database that was starting, a secret being rotated).
    built = undefined;
    throw error;
  });
  const { handle: answer, runtime } = await built;
  // No timers run while Lambda is frozen between invocations: blocks made by other instances
  // (or lifted by the CLI) are read here when the copy is stale, and due digests are signed
  // before the answer leaves, since nothing runs after it.
  await runtime.shield.blocked.refreshIfOlderThan(runtime.config.shield.blockRefreshMs);
  try {
    return await answer(event, context);
  } finally {
    await runtime.auditDigests.settle().catch((error: unknown) => runtime.logger.error({ err: error }, 'audit digest failed'));
  }
}
