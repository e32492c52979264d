import { Types, type FilterQuery, type Model, type Require_id } from 'mongoose';
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
 * This tenant's object by id, or a 404 naming `what`. A malformed id, an unknown
 * one and another tenant's one all answer the same, so nothing leaks; `filter`
 * narrows further (e.g. "not deleted").
 */
export async function findInTenant<T>(
  model: Model<T>,
  scope: Scoped,
  id: string | Types.ObjectId | undefined,
  what: string,
  filter: FilterQuery<T> = {},
): Promise<Require_id<T>> {
  const found = await model.findOne(tenantFilter<T>(scope, { ...filter, _id: idFor(model, id, what) })).lean();
  if (!found) throw notFound(what);
  return found as Require_id<T>;
}

function idFor<T>(model: Model<T>, id: string | Types.ObjectId | undefined, what: string) {
  if (model.schema.path('_id')?.instance === 'ObjectId') return objectIdOr404(id, what);
  if (typeof id !== 'string' || id === '') throw notFound(what);
  return id;
}
