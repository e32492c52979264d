import { maskPhone } from '../../phone';
import type { DbDeps } from '../deps';
import { tenantFilter } from '../tenant-scope';
import { previewOf } from '../conversations/record-inbound-message';

/** What made the thread alert people; the words are made here, from the read model. */
export type AlertAbout =
  { cause: 'new_message' } | { cause: 'handoff'; reason?: string } | { cause: 'waiting'; waitedFor: string };

const NAME_LENGTH = 60;
const REASON_LENGTH = 200;

const bounded = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * A notification a person can act on without opening it: who (the customer's name, else
 * their masked number), on which of the tenant's numbers, and the customer's latest message
 * quoted (at most 140 characters, as in the list's preview).
 */
export async function describeConversationAlert(
  { db }: DbDeps,
  input: { tenantId: string; conversationId: string; about: AlertAbout },
): Promise<{ title: string; body: string }> {
  const conversation = await db.Conversation.findOne(tenantFilter(input, { _id: input.conversationId })).lean();
  const [number, latest] = await Promise.all([
    conversation
      ? db.WhatsAppNumber.findOne(tenantFilter(input, { _id: conversation.numberId }), { displayName: 1 }).lean()
      : null,
    db.Message.findOne(tenantFilter(input, { conversationId: input.conversationId, direction: 'inbound' }))
      .sort({ sentAt: -1 })
      .lean(),
  ]);
  const customer = bounded(
    conversation?.customer?.profileName ??
      (conversation?.customer?.address ? maskPhone(conversation.customer.address) : 'A customer'),
    NAME_LENGTH,
  );
  const line = number ? `on ${bounded(number.displayName, NAME_LENGTH)}` : 'on a removed number';
  const quote = latest ? `“${previewOf(latest.text ?? '', latest.media?.length ?? 0)}”` : '';
  const { about } = input;
  switch (about.cause) {
    case 'new_message':
      return { title: `New message from ${customer} ${line}`, body: quote };
    case 'handoff':
      return {
        title: `${customer} ${line} needs a person: the AI handed over`,
        body: [quote, about.reason ? `Reason: ${bounded(about.reason, REASON_LENGTH)}` : '']
          .filter(Boolean)
          .join(' — '),
      };
    case 'waiting':
      return {
        title: `${customer} ${line} is waiting for a reply`,
        body: [quote, `No reply for more than ${about.waitedFor}`].filter(Boolean).join(' — '),
      };
  }
}
