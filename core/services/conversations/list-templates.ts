import type { Db } from '../../db';
import { ProviderSendError, type MessageTemplate } from '../../providers/messaging';
import { findConversation } from './get-conversation';
import { loadProvider, type SendConfig } from './send-outbound-message';

export interface TemplateList {
  templates: MessageTemplate[];
  /** Why the provider gave no list (the person can still type a template by hand); null when it did. */
  unavailable: string | null;
}

/**
 * The approved templates the conversation's number can send (the way back into
 * the 24-hour window). A provider that cannot list them is not an error here: the
 * composer says why and keeps manual entry.
 */
export async function listTemplatesFor(
  db: Db,
  config: SendConfig,
  tenantId: string,
  conversationId: string,
): Promise<TemplateList> {
  const conversation = await findConversation(db, tenantId, conversationId);
  try {
    const { provider } = await loadProvider(db, config, tenantId, String(conversation.numberId));
    const templates = await provider.listTemplates();
    return { templates: templates.sort((a, b) => a.name.localeCompare(b.name)), unavailable: null };
  } catch (err) {
    if (err instanceof ProviderSendError) return { templates: [], unavailable: err.message };
    throw err;
  }
}
