import { Types, type FilterQuery, type Model, type Require_id, type UpdateQuery } from 'mongoose';
import { notFound } from '../errors';
import { objectIdOr404 } from './ids';

/** Anything that names the tenant a query is scoped to (a TenantScope, or an activity's input). */
export interface Scoped {
  tenantId: string;
}

/**
 * The one tenant filter every query starts from: `{ tenantId, ...filter }`. A query
 * without it would read or write another tenant's data.
 */
export function tenantFilter<T = unknown>(scope: Scoped, filter: FilterQuery<T> = {}): FilterQuery<T> {
  return { ...filter, tenantId: new Types.ObjectId(scope.tenantId) };
}

/**
 * This tenant's document by `_id`, or null (unknown, or another tenant's).
 *
 * Asked for by `_id` alone: that is the one filter FerretDB, the embedded store,
 * hands down to SQLite; with any other field beside it FerretDB reads and decodes
 * the whole collection (ADR 0082). The tenant is checked on the document instead.
 * A document never changes tenant, so the check also covers a write by the same
 * `_id` that follows it.
 */
export async function findByIdInTenant<T>(
  model: Model<T>,
  scope: Scoped,
  id: unknown,
  projection?: Record<string, 0 | 1>,
): Promise<Require_id<T> | null> {
  const found = (await model
    .findOne({ _id: id } as FilterQuery<T>, projection && { ...projection, tenantId: 1 })
    .lean()) as (Require_id<T> & { tenantId?: unknown }) | null;
  return found && String(found.tenantId) === scope.tenantId ? found : null;
}

/**
 * Applies `update` to this tenant's document `_id` (nothing when it is another
 * tenant's): checked with a read by `_id`, then written by `_id` alone, two point
 * operations instead of a collection scan on the embedded store (see above).
 */
export async function updateByIdInTenant<T>(
  model: Model<T>,
  scope: Scoped,
  id: unknown,
  update: UpdateQuery<T>,
): Promise<boolean> {
  if (!(await findByIdInTenant(model, scope, id, { _id: 1 }))) return false;
  await model.updateOne({ _id: id } as FilterQuery<T>, update);
  return true;
}

/**
 * This tenant's object by id, or a 404 naming `what`. A malformed id, an unknown
 * one and another tenant's one all answer the same, so nothing leaks; `accept`
 * narrows further (e.g. "not deleted").
 */
export async function findInTenant<T>(
  model: Model<T>,
  scope: Scoped,
  id: string | Types.ObjectId | undefined,
  what: string,
  accept: (found: Require_id<T>) => boolean = () => true,
): Promise<Require_id<T>> {
  const found = await findByIdInTenant(model, scope, idFor(model, id, what));
  if (!found || !accept(found)) throw notFound(what);
  return found;
}

function idFor<T>(model: Model<T>, id: string | Types.ObjectId | undefined, what: string) {
  if (model.schema.path('_id')?.instance === 'ObjectId') return objectIdOr404(id, what);
  if (typeof id !== 'string' || id === '') throw notFound(what);
  return id;
}
