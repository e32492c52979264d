/**
 * A small schema-based request generator for the API fuzz test: from an
 * OpenAPI 3.0 document, requests whose parameters and bodies follow the
 * schemas (valid, at the limits, and just past them) or break them on purpose
 * (wrong types, missing fields, junk, malformed JSON). Seeded, so a failure
 * can be replayed with the same FUZZ_SEED.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- walks arbitrary JSON schemas */

export type Random = () => number;

/** mulberry32: a tiny seeded PRNG. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: Random, items: readonly T[]): T => items[Math.floor(rnd() * items.length)];

/** Values that have broken parsers before: types, encodings, sizes, operators, prototypes. */
export const JUNK: readonly unknown[] = [
  null,
  '',
  ' ',
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  false,
  [],
  [null],
  {},
  { $gt: '' },
  { $where: '1' },
  { __proto__: { polluted: true } },
  'x'.repeat(5000),
  '\u0000',
  '\ud800',
  '💬'.repeat(50),
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '../../etc/passwd',
  '2026-13-45T99:99:99Z',
  '000000000000000000000000',
  'ffffffffffffffffffffffff',
  'not-an-id',
  '+',
  'whatsapp:+',
  '%00',
];

/** Path segments worth trying for ids and slugs, besides the real ones. */
export const JUNK_SEGMENTS: readonly string[] = [
  '000000000000000000000000',
  'ffffffffffffffffffffffff',
  'not-an-id',
  '-1',
  '99999999999999999999',
  '%00',
  '%E0%A4%A',
  '..%2f..%2f',
  encodeURIComponent('é🙂'),
  'x'.repeat(600),
  '%24where',
  'null',
  'undefined',
  '__proto__',
  'constructor',
];

interface Doc {
  components?: { schemas?: Record<string, any> };
}

export function resolveRef(doc: Doc, schema: any): any {
  let current = schema;
  for (let i = 0; current?.$ref && i < 20; i++) current = doc.components?.schemas?.[current.$ref.split('/').pop()];
  return current ?? {};
}

function sampleString(rnd: Random, schema: any): string {
  if (schema.format === 'email')
    return pick(rnd, ['fuzz@demo.test', 'owner@demo.test', 'a@b', '@', 'x'.repeat(300) + '@x.io']);
  if (schema.format === 'date-time') return pick(rnd, [new Date().toISOString(), '1970-01-01T00:00:00Z', 'yesterday']);
  if (schema.format === 'uri')
    return pick(rnd, ['https://example.com/x', 'http://127.0.0.1:9/', 'javascript:alert(1)', 'not a url']);
  if (schema.pattern && rnd() < 0.3)
    return pick(rnd, ['+15550001111', 'whatsapp:+15550001111', 'AC' + 'a'.repeat(32), 'v21.0']);
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 40;
  const length = pick(rnd, [
    min,
    max,
    max + 1,
    Math.max(0, min - 1),
    Math.floor(min + rnd() * (Math.min(max, 60) - min + 1)),
  ]);
  const alphabet = Array.from(pick(rnd, ['abcdefghij', 'ABC xyz 0123', 'é🙂中\n\t', '<>"\'&%$']));
  return Array.from({ length }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
}

function sampleNumber(rnd: Random, schema: any): number {
  const min = schema.minimum ?? -10;
  const max = schema.maximum ?? 1000;
  const value = pick(rnd, [min, max, min - 1, max + 1, min + rnd() * (max - min)]);
  return schema.type === 'integer' && rnd() < 0.8 ? Math.round(value) : value;
}

/** A value that follows the schema, often at or just past its limits. */
export function sample(doc: Doc, rawSchema: any, rnd: Random, depth = 0): unknown {
  const schema = resolveRef(doc, rawSchema);
  if (depth > 6) return null;
  if (schema.enum) return rnd() < 0.9 ? pick(rnd, schema.enum) : 'not-in-enum';
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants) return sample(doc, pick(rnd, variants), rnd, depth + 1);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s: any) => sample(doc, s, rnd, depth + 1)));
  switch (schema.type) {
    case 'string':
      return sampleString(rnd, schema);
    case 'integer':
    case 'number':
      return sampleNumber(rnd, schema);
    case 'boolean':
      return rnd() < 0.5;
    case 'array': {
      const count = pick(rnd, [0, 1, 2, (schema.maxItems ?? 3) + 1]);
      return Array.from({ length: count }, () => sample(doc, schema.items ?? {}, rnd, depth + 1));
    }
    case 'object':
    default: {
      const out: Record<string, unknown> = {};
      const required = new Set<string>(schema.required ?? []);
      for (const [name, property] of Object.entries<any>(schema.properties ?? {})) {
        if (required.has(name) || rnd() < 0.6) out[name] = sample(doc, property, rnd, depth + 1);
      }
      return out;
    }
  }
}

/** Breaks a value on purpose: one field replaced by junk, dropped, or an unknown one added; or the whole value replaced. */
export function mutate(value: unknown, rnd: Random): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || rnd() < 0.15) return pick(rnd, JUNK);
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const choice = rnd();
  if (keys.length > 0 && choice < 0.5) copy[pick(rnd, keys)] = pick(rnd, JUNK);
  else if (keys.length > 0 && choice < 0.75) delete copy[pick(rnd, keys)];
  else copy[pick(rnd, ['extra', '$set', 'tenantId', '_id', 'constructor'])] = pick(rnd, JUNK);
  return copy;
}

/** Operations that end the session a test runs with (test/integration/sessions.test.ts covers them). */
export const SESSION_ENDING = new Set(['POST /api/auth/logout', 'POST /api/auth/logout-everywhere']);

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface Operation {
  method: string;
  /** The document's path, e.g. /api/tenants/{tenant}/numbers/{id}. */
  template: string;
  parameters: any[];
  bodySchema?: any;
}

export function operationsOf(doc: Doc & { paths: Record<string, Record<string, any>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([template, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      template,
      parameters: (op.parameters ?? []).map((p: any) => resolveRef(doc, p)),
      bodySchema: op.requestBody?.content?.['application/json']?.schema,
    })),
  );
}

/**
 * One request for the operation. Path parameters come from `known` (real
 * slugs and ids, so requests reach the code behind the checks) or junk; the
 * body is valid-ish, mutated, or not JSON at all.
 */
export function generateRequest(
  doc: Doc,
  operation: Operation,
  rnd: Random,
  known: Record<string, readonly string[]>,
): FuzzRequest {
  let path = operation.template;
  const query = new URLSearchParams();
  for (const parameter of operation.parameters) {
    if (parameter.in === 'path') {
      const real = known[parameter.name] ?? [];
      const value =
        real.length > 0 && rnd() < 0.75
          ? pick(rnd, real)
          : rnd() < 0.5
            ? pick(rnd, JUNK_SEGMENTS)
            : encodeURIComponent(String(sample(doc, parameter.schema ?? {}, rnd)));
      path = path.replace(`{${parameter.name}}`, value || 'x');
    } else if (parameter.in === 'query' && rnd() < 0.7) {
      const value = rnd() < 0.7 ? sample(doc, parameter.schema ?? {}, rnd) : pick(rnd, JUNK);
      query.append(parameter.name, typeof value === 'string' ? value : JSON.stringify(value));
      if (rnd() < 0.1) query.append(parameter.name, 'twice');
    }
  }
  const search = query.toString();
  const request: FuzzRequest = { method: operation.method, path: search ? `${path}?${search}` : path, headers: {} };
  if (operation.method === 'GET' || operation.method === 'DELETE') return request;
  const shape = rnd();
  if (shape < 0.08) {
    request.headers['content-type'] = 'application/json';
    request.body = pick(rnd, ['{', '{"a":', 'null', '"text"', '[1,2', '\u0000', '{"__proto__":{"x":1}}', '1e999']);
  } else if (shape < 0.14) {
    request.headers['content-type'] = pick(rnd, ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']);
    request.body = 'name=x&systemPrompt=y';
  } else if (operation.bodySchema || shape < 0.3) {
    const valid = operation.bodySchema ? sample(doc, operation.bodySchema, rnd) : {};
    request.headers['content-type'] = 'application/json';
    request.body = JSON.stringify(rnd() < 0.5 ? valid : mutate(valid, rnd));
  }
  return request;
}
