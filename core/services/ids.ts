import { Types } from 'mongoose';
import { notFound } from '../errors';

/** An id from a URL: malformed is the same as unknown (404), never a 500 from a cast. */
export function objectIdOr404(id: string | Types.ObjectId | undefined, what: string): Types.ObjectId {
  if (id instanceof Types.ObjectId) return id;
  if (!id || !Types.ObjectId.isValid(id) || String(new Types.ObjectId(id)) !== id) throw notFound(what);
  return new Types.ObjectId(id);
}
