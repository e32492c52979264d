/**
 * Activities: the workflow's side effects, as thin adapters over core/services.
 * Built by a factory so tests and the worker pass in their own dependencies.
 */
import type { Db } from '../core/db';
import {
  recordInboundMessage,
  type RecordInboundMessageInput,
} from '../core/services/conversations/record-inbound-message';

export interface ActivityDeps {
  db: Db;
}

export function createActivities(deps: ActivityDeps) {
  return {
    async recordInboundMessage(input: RecordInboundMessageInput) {
      return recordInboundMessage(deps.db, input);
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
