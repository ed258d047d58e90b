import type { Context } from 'hono';
import type { z } from 'zod';
import { GatehouseError } from '../errors/GatehouseError.js';
import type { HttpEnv } from './HttpEnv.js';

function validationError(error: z.ZodError): GatehouseError {
  const issues = error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', message: issue.message }));
  const first = issues[0]!;
  return new GatehouseError('VALIDATION_ERROR', `${first.field}: ${first.message}`, { details: { issues } });
}

function remember(c: Context<HttpEnv>, values: unknown): void {
  if (values && typeof values === 'object' && !Array.isArray(values)) {
    c.set('requestParameters', { ...c.get('requestParameters'), ...(values as Record<string, unknown>) });
  }
}

/** Parses and validates the JSON body against `schema`; anything else is a 4xx, never a 500. */
export async function readJson<S extends z.ZodType>(c: Context<HttpEnv>, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new GatehouseError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
  }
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch (error) {
    if (error instanceof GatehouseError) throw error;
    throw new GatehouseError('VALIDATION_ERROR', 'The body is not valid JSON');
  }
  remember(c, body);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** Validates the path parameters against `schema`. */
export function readParams<S extends z.ZodType>(c: Context<HttpEnv>, schema: S): z.output<S> {
  const params = c.req.param() as Record<string, string>;
  remember(c, params);
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** Validates the query string against `schema` (each key once). */
export function readQuery<S extends z.ZodType>(c: Context<HttpEnv>, schema: S): z.output<S> {
  const query = c.req.query();
  remember(c, query);
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
