import { Types } from 'mongoose';
import type { TimelineNote } from '../../../workflows/timeline';
import type { DbDeps } from '../deps';
import { tenantFilter } from '../tenant-scope';

/**
 * Stores one timeline line of a conversation (or, with `numberId`, of every conversation of
 * that number). Idempotent: the id is made of what happened and when, so an activity retry
 * finds the line already there.
 */
export async function recordTimelineEvent(
  { db }: DbDeps,
  input: { tenantId: string } & ({ conversationId: string } | { numberId: string }),
  note: TimelineNote,
): Promise<void> {
  const subject = 'conversationId' in input ? input.conversationId : `number:${input.numberId}`;
  await db.TimelineEvent.updateOne(
    { _id: `${subject}:${note.kind}:${note.at}` },
    {
      $setOnInsert: {
        ...tenantFilter(input),
        ...('conversationId' in input
          ? { conversationId: input.conversationId }
          : { numberId: new Types.ObjectId(input.numberId) }),
        kind: note.kind,
        by: note.by,
        ...(note.byUserId ? { byUserId: note.byUserId } : {}),
        ...(note.reason ? { reason: note.reason } : {}),
        at: new Date(note.at),
      },
    },
    { upsert: true },
  );
}
