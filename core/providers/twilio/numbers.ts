import { toWhatsAppAddress } from '../../phone';
import type { TwilioClient } from './client';

export interface TwilioNumberChoice {
  address: string;
  /** Where Twilio lists it: a bought phone number, a WhatsApp sender, or both. */
  sources: ('incoming-number' | 'whatsapp-sender')[];
}

/**
 * The account's numbers that could carry WhatsApp: its incoming phone numbers
 * and its WhatsApp senders, merged by address (the same number is often both).
 */
export async function listTwilioWhatsAppCandidates(client: TwilioClient): Promise<TwilioNumberChoice[]> {
  const [incoming, senders] = await Promise.all([
    client.incomingPhoneNumbers.list({ limit: 200 }),
    client.messaging.v2.channelsSenders.list({ channel: 'whatsapp', limit: 200 }),
  ]);
  const byAddress = new Map<string, TwilioNumberChoice>();
  const add = (raw: string | null | undefined, source: TwilioNumberChoice['sources'][number]) => {
    if (!raw) return;
    let address: string;
    try {
      address = toWhatsAppAddress(raw);
    } catch {
      return; // short codes and the like cannot be WhatsApp numbers
    }
    const choice = byAddress.get(address) ?? { address, sources: [] };
    if (!choice.sources.includes(source)) choice.sources.push(source);
    byAddress.set(address, choice);
  };
  for (const n of incoming) add(n.phoneNumber, 'incoming-number');
  for (const s of senders) add(s.senderId, 'whatsapp-sender');
  return [...byAddress.values()].sort((a, b) => a.address.localeCompare(b.address));
}
