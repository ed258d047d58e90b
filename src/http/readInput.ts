import type { Context } from 'hono';
import type { z } from 'zod';
import { GatehouseError } from '../errors/GatehouseError.js';
import { jsonDepthExceeds, maxJsonDepth } from '../shield/jsonDepth.js';
import type { HttpEnv } from './HttpEnv.js';

type Source = 'body' | 'path' | 'query';

function validationError(source: Source, error: z.ZodError): GatehouseError {
  const issues = error.issues.map((issue) => ({ field: issue.path.join('.') || `(${source})`, message: issue.message }));
  const first = issues[0]!;
  return new GatehouseError('VALIDATION_ERROR', `${first.field}: ${first.message}`, { details: { issues } });
}

/**
 * Keeps what the audit event records of the input: the validated values, or for input that
 * failed validation only the names of its fields, so nothing unvetted reaches the trail.
 */
function remember(c: Context<HttpEnv>, source: Source, values: unknown, valid: boolean): void {
  const kept =
    valid && values && typeof values === 'object' && !Array.isArray(values)
      ? (values as Record<string, unknown>)
      : { [`invalid${source[0]!.toUpperCase()}${source.slice(1)}Fields`]: fieldNames(values) };
  c.set('requestParameters', { ...c.get('requestParameters'), ...kept });
}

function fieldNames(values: unknown): string[] {
  if (!values || typeof values !== 'object' || Array.isArray(values)) return [];
  return Object.keys(values)
    .slice(0, 20)
    .map((key) => key.slice(0, 64));
}

/** Text every store can keep: well-formed Unicode without NUL (PostgreSQL refuses `\u0000` in text). */
function storable(text: string): boolean {
  return text.isWellFormed() && !text.includes('\u0000');
}

const notStorable = (where: string) => new GatehouseError('VALIDATION_ERROR', `The ${where} holds a string that is not valid Unicode text (or a NUL character)`);

/** JSON.parse reviver refusing what JSON allows but nothing downstream can keep: lone surrogates, NUL, numbers out of range. */
function wellFormed(key: string, value: unknown): unknown {
  if (!storable(key) || (typeof value === 'string' && !storable(value))) throw notStorable('body');
  if (typeof value === 'number' && !Number.isFinite(value)) throw new GatehouseError('VALIDATION_ERROR', 'The body holds a number out of range');
  return value;
}

/** Parses and validates the JSON body against `schema`; anything else is a 4xx, never a 500. */
export async function readJson<S extends z.ZodType>(c: Context<HttpEnv>, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new GatehouseError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
  }
  const text = await c.req.text();
  if (jsonDepthExceeds(text)) throw new GatehouseError('VALIDATION_ERROR', `The body nests deeper than ${maxJsonDepth} levels`);
  let body: unknown;
  try {
    body = JSON.parse(text, wellFormed);
  } catch (error) {
    if (error instanceof GatehouseError) throw error;
    throw new GatehouseError('VALIDATION_ERROR', 'The body is not valid JSON');
  }
  return check(c, 'body', schema, body);
}

/**
 * Parses and validates an `application/x-www-form-urlencoded` body against `schema`, as
 * OAuth clients send to a token endpoint (RFC 6749 §4.4.2); a key given twice is refused.
 */
export async function readForm<S extends z.ZodType>(c: Context<HttpEnv>, schema: S): Promise<z.output<S>> {
  const form = new URLSearchParams(await c.req.text());
  const values: Record<string, string> = {};
  for (const [key, value] of form) {
    if (key in values) throw new GatehouseError('VALIDATION_ERROR', `${key.slice(0, 64)}: give it once`);
    if (!storable(key) || !storable(value)) throw notStorable('body');
    values[key] = value;
  }
  return check(c, 'body', schema, values);
}

/** Validates the path parameters against `schema`. */
export function readParams<S extends z.ZodType>(c: Context<HttpEnv>, schema: S): z.output<S> {
  return check(c, 'path', schema, flatText(c.req.param(), 'path'));
}

/** Validates the query string against `schema`; a key given twice is refused rather than guessed at. */
export function readQuery<S extends z.ZodType>(c: Context<HttpEnv>, schema: S): z.output<S> {
  const repeated = Object.entries(c.req.queries()).find(([, values]) => values.length > 1);
  if (repeated) throw new GatehouseError('VALIDATION_ERROR', `${repeated[0].slice(0, 64)}: give it once`);
  return check(c, 'query', schema, flatText(c.req.query(), 'query'));
}

/** Path and query values, refused whole if one of them is no storable text. */
function flatText(values: Record<string, string>, where: Source): Record<string, string> {
  for (const [key, value] of Object.entries(values)) if (!storable(key) || !storable(value)) throw notStorable(where);
  return values;
}

function check<S extends z.ZodType>(c: Context<HttpEnv>, source: Source, schema: S, values: unknown): z.output<S> {
  // Test-only weakening (RuntimeOptions.unsafeWeakenForTests): unvalidated input reaches the core.
  if (c.var.weakened?.has('inputValidation')) return values as z.output<S>;
  const parsed = schema.safeParse(values);
  remember(c, source, parsed.success ? parsed.data : values, parsed.success);
  if (!parsed.success) throw validationError(source, parsed.error);
  return parsed.data;
}
