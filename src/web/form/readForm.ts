import type { Context } from 'hono';
import { z } from 'zod';
import { GatehouseError } from '../../errors/GatehouseError.js';
import type { HttpEnv } from '../../http/HttpEnv.js';

/** A form field: text up to a bound, so nothing unbounded reaches the API or a page. */
export const formText = (max = 1024) => z.string().max(max, `must be at most ${max} characters`);

/**
 * Reads an HTML form post (urlencoded or multipart, single values only) and validates it
 * against `schema`; anything else is a 4xx, never a 500. The API validates the values again.
 */
export async function readForm<S extends z.ZodType>(c: Context<HttpEnv>, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
    throw new GatehouseError('UNSUPPORTED_MEDIA_TYPE', 'Send the form as application/x-www-form-urlencoded');
  }
  const body = await c.req.parseBody();
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value !== 'string') throw new GatehouseError('VALIDATION_ERROR', `${name}: must be text`);
    values[name] = value;
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(form)', message: issue.message }));
    throw new GatehouseError('VALIDATION_ERROR', `${issues[0]!.field}: ${issues[0]!.message}`, { details: { issues } });
  }
  return parsed.data;
}
