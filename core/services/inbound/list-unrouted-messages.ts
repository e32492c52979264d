import { Types } from 'mongoose';
import type { Db } from '../../db';
import type { InboundMessage } from '../../../workflows/definitions';
import { UNROUTED_LIMIT_PER_TENANT } from './record-unrouted-message';

export interface UnroutedNumberView {
  /** The number the messages were sent to: `whatsapp:+E164` or `meta:{phoneNumberId}`. */
  address: string;
  provider: 'twilio' | 'meta';
  /** Meta: the Phone Number ID to connect. */
  phoneNumberId: string | null;
  /** Set when the number has been connected since: its messages wait for "Deliver". */
  connectedAs: string | null;
  messages: { id: string; from: string; profileName: string | null; text: string; media: number; receivedAt: string }[];
}

/** The tenant's unrouted messages, grouped by the number they were sent to, newest number first. */
export async function listUnroutedMessages(
  db: Db,
  tenantId: string,
): Promise<{ numbers: UnroutedNumberView[]; limit: number }> {
  const tenant = new Types.ObjectId(tenantId);
  const rows = await db.UnroutedMessage.find({ tenantId: tenant }).sort({ createdAt: -1 }).lean();
  const connected = await db.WhatsAppNumber.find(
    { tenantId: tenant, address: { $in: [...new Set(rows.map((r) => r.to))] } },
    { address: 1, displayName: 1 },
  ).lean();
  const groups = new Map<string, UnroutedNumberView>();
  for (const row of rows) {
    const message = row.message as InboundMessage;
    let group = groups.get(row.to);
    if (!group) {
      group = {
        address: row.to,
        provider: row.provider as 'twilio' | 'meta',
        phoneNumberId: row.to.startsWith('meta:') ? row.to.slice(5) : null,
        connectedAs: connected.find((n) => n.address === row.to)?.displayName ?? null,
        messages: [],
      };
      groups.set(row.to, group);
    }
    group.messages.push({
      id: String(row._id),
      from: message.from,
      profileName: message.profileName ?? null,
      text: message.text,
      media: message.media?.length ?? 0,
      receivedAt: message.receivedAt,
    });
  }
  return { numbers: [...groups.values()], limit: UNROUTED_LIMIT_PER_TENANT };
}
