/**
 * From an OpenAPI 3.0 document: a valid value for a request schema, and values
 * that each break one constraint the document states (too long, too short,
 * not matching the pattern, not in the enum, the wrong type, out of range, a
 * required field missing), each with the field it breaks. No randomness: the
 * same document gives the same cases.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- walks arbitrary JSON schemas */
import { resolveRef } from './openapi-fuzz';

type Doc = Parameters<typeof resolveRef>[0];
/** Where a value goes: a JSON body keeps types; the query and the path carry text. */
export type Location = 'body' | 'query' | 'path';
export interface Case {
  /** The field the value breaks, as the API names it in `fields` (`template.templateId`). */
  field: string;
  rule: string;
  value: unknown;
}
/** Values the document cannot give (the match of a pattern, a real id, the demo's credentials), by field name. */
export type Known = Record<string, unknown>;

const MISSING = Symbol('missing');

/** The smallest value the schema accepts: required properties only, and the known ones. */
export function validValue(doc: Doc, raw: any, known: Known, name = 'body'): unknown {
  const schema = resolveRef(doc, raw);
  if (name in known) return known[name];
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) return validValue(doc, schema.anyOf[0], known, name);
  if (schema.type === 'object') {
    const required = new Set(schema.required ?? []);
    return Object.fromEntries(
      Object.entries<any>(schema.properties ?? {})
        .filter(([key]) => required.has(key) || key in known)
        .map(([key, property]) => [key, validValue(doc, property, known, key)]),
    );
  }
  if (schema.type === 'boolean') return false;
  if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 1;
  if (schema.pattern || schema.format)
    throw new Error(`Give the test a known value for "${name}" (${schema.pattern ?? schema.format})`);
  return 'a'.repeat(Math.max(1, schema.minLength ?? 1));
}

/** Whether a value meets the string/enum constraints of a schema (to keep only values every anyOf branch refuses). */
function accepts(schema: any, value: unknown): boolean {
  if (schema.enum) return schema.enum.includes(value);
  if (schema.type === 'string' && typeof value !== 'string') return false;
  if (typeof value !== 'string') return true;
  if (schema.pattern && !new RegExp(schema.pattern).test(value)) return false;
  return value.length >= (schema.minLength ?? 0) && value.length <= (schema.maxLength ?? Infinity);
}

/** One value per constraint of a leaf schema, each breaking only that constraint. */
export function leafViolations(doc: Doc, raw: any, location: Location): Omit<Case, 'field'>[] {
  const schema = resolveRef(doc, raw);
  if (schema.anyOf) {
    const variants = schema.anyOf.map((s: any) => resolveRef(doc, s));
    return variants
      .flatMap((variant: any) => leafViolations(doc, variant, location))
      .filter((c: Case, i: number, all: Case[]) => all.findIndex((o) => o.value === c.value) === i)
      .filter((c: Case) => !variants.some((variant: any) => accepts(variant, c.value)));
  }
  const cases: Omit<Case, 'field'>[] = [];
  const add = (rule: string, value: unknown) => cases.push({ rule, value });
  if (schema.enum) add('not in the enum', 'not-in-enum');
  if (schema.type === 'string') {
    if (schema.maxLength !== undefined) add(`longer than ${schema.maxLength}`, 'a'.repeat(schema.maxLength + 1));
    if (schema.minLength) add(`shorter than ${schema.minLength}`, 'a'.repeat(schema.minLength - 1));
    if (schema.pattern) add(`not matching ${schema.pattern}`, '!');
    if (schema.format === 'email') add('not an email', 'not-an-email');
    if (schema.format === 'date-time') add('not a date-time', 'not-a-time');
    if (location === 'body') add('not a string', 12345);
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    if (schema.minimum !== undefined) add(`below ${schema.minimum}`, schema.minimum - 1);
    if (schema.maximum !== undefined) add(`above ${schema.maximum}`, schema.maximum + 1);
    if (schema.type === 'integer') add('not whole', (schema.minimum ?? 0) + 0.5);
    add('not a number', 'x');
  }
  if (schema.type === 'boolean') add('not a boolean', 'maybe');
  if (schema.type === 'object') add('not an object', 'x');
  return location === 'body' ? cases : cases.map((c) => ({ ...c, value: String(c.value) }));
}

function withValue(root: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(root) as Record<string, any>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] ??= {};
  if (value === MISSING) delete at[path[path.length - 1]];
  else at[path[path.length - 1]] = value;
  return copy;
}

/**
 * A body schema's cases: each is the valid body with one field broken (nested
 * objects too: an optional object absent from the valid body is added, valid,
 * around the broken field).
 */
export function bodyViolations(doc: Doc, raw: any, valid: unknown, known: Known): (Case & { body: unknown })[] {
  const cases: (Case & { body: unknown })[] = [];
  const walk = (schema: any, root: unknown, path: string[]) => {
    const required = new Set(schema.required ?? []);
    const entries = Object.entries<any>(schema.properties ?? {});
    if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
      entries.push(['k', schema.additionalProperties]);
    for (const [key, rawProperty] of entries) {
      const property = resolveRef(doc, rawProperty);
      const here = [...path, key];
      const field = here.join('.');
      if (required.has(key))
        cases.push({ field, rule: 'required', value: undefined, body: withValue(root, here, MISSING) });
      for (const c of leafViolations(doc, property, 'body'))
        cases.push({ ...c, field, body: withValue(root, here, c.value) });
      if (property.type === 'object') {
        const inner = here.reduce<any>((at, k) => at?.[k], root) ?? validValue(doc, property, known, key);
        walk(property, withValue(root, here, inner), here);
      }
    }
  };
  walk(resolveRef(doc, raw), valid, []);
  return cases;
}
