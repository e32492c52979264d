/**
 * The one builder of the OpenAPI 3.0 document: each operation is a row (path,
 * permission, the zod schemas its service parses, the answer), turned into
 * paths, parameters, $refs and error responses here, the same way for all.
 * Why generated, and what it cannot say: docs/decisions/0096.
 */
import { OpenAPIRegistry, OpenApiGeneratorV3, type ResponseConfig } from '@asteasolutions/zod-to-openapi';
import type { AnyZodObject, ZodTypeAny } from 'zod';
import { SESSION_COOKIE } from '../../core/auth/session';
import type { Permission } from '../../core/auth/permissions';
import { ErrorBody } from './responses';
import { z } from './zod';

const ERROR_TEXT = {
  400: 'Invalid input: `fields` says what to fix',
  401: 'Not signed in',
  403: 'Your role does not allow this, or a cross-site request',
  404: 'Not found (also: a tenant you are not a member of)',
  409: 'Conflict (duplicate, or in use)',
  422: "The provider refused it (invalid recipient, bad credentials): `error` gives the provider's reason",
  429: 'Too many failed sign-ins',
  503: 'A provider (Twilio, Meta) or the conversation service could not be reached',
};
export type ErrorStatus = keyof typeof ERROR_TEXT;

export interface Operation {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  /** Tenant routes: the session, the {tenant} (and {id}) parameters and 401/403/404 come with it. */
  permission?: Permission;
  body?: ZodTypeAny;
  query?: AnyZodObject;
  /** Path parameters besides {tenant} and {id}. */
  params?: AnyZodObject;
  /** The JSON answer, 200 (or `status`); without one the answer is 204. */
  answer?: ZodTypeAny;
  status?: 201;
  /** Answers that are not JSON (a stream, a file, a redirect), instead of `answer`. */
  answers?: Record<string, ResponseConfig>;
  errors?: ErrorStatus[];
}

/**
 * The operations under one path prefix that need one permission (none: the
 * auth routes): `manage.put('/{id}', 'Edit…', { body, answer })`.
 */
export function room(prefix: string, permission?: Permission) {
  const at =
    (method: Operation['method']) =>
    (path: string, summary: string, more: Omit<Operation, 'method' | 'path' | 'summary'> = {}): Operation => ({
      method,
      path: prefix + path,
      summary,
      permission,
      ...more,
    });
  return { get: at('get'), post: at('post'), put: at('put'), delete: at('delete') };
}

const json = (schema: ZodTypeAny) => ({ content: { 'application/json': { schema } } });

function register(registry: OpenAPIRegistry, op: Operation) {
  const tenant = op.permission !== undefined;
  const pathParams: Record<string, ZodTypeAny> = {
    ...(tenant ? { tenant: z.string().describe('Tenant slug') } : {}),
    ...(op.path.includes('{id}') ? { id: z.string() } : {}),
    ...op.params?.shape,
  };
  // A path parameter is always there (zod calls a coerced number "nullable": Number(null) is 0).
  const params = z.object(
    Object.fromEntries(Object.entries(pathParams).map(([name, s]) => [name, s.openapi({ param: { required: true } })])),
  );
  const errors: ErrorStatus[] = [...(op.errors ?? []), ...(tenant ? ([401, 403, 404] as const) : [])];
  const success = op.answers ?? {
    [op.answer ? (op.status ?? 200) : 204]: op.answer
      ? { description: 'OK', ...json(op.answer) }
      : { description: 'Done' },
  };
  registry.registerPath({
    method: op.method,
    path: op.path,
    summary: op.summary,
    ...(tenant
      ? { description: `Needs permission \`${op.permission}\` (docs/permissions.md).`, security: [{ session: [] }] }
      : {}),
    request: {
      ...(Object.keys(params.shape).length ? { params } : {}),
      ...(op.query ? { query: op.query } : {}),
      ...(op.body ? { body: { required: true, ...json(op.body) } } : {}),
    },
    responses: {
      ...success,
      ...Object.fromEntries(errors.map((code) => [code, { description: ERROR_TEXT[code], ...json(ErrorBody) }])),
    },
  });
}

export function buildDocument(operations: Operation[]) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE });
  for (const op of operations) register(registry, op);
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: {
      title: 'Helios WhatsApp API',
      version: '0.1.0',
      description:
        'Sign in with POST /api/auth/login; the response sets the session cookie the other routes need. State-changing requests from another site (Origin / Sec-Fetch-Site) are refused.',
    },
  });
}
