import { loadProvider, type ProviderDeps } from '../../providers/load-provider';
import { ProviderSendError, type MessageTemplate } from '../../providers/messaging';
import type { TenantCall } from '../deps';
import { findConversation } from './find-conversation';

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
export async function listTemplates(
  deps: ProviderDeps,
  { scope, id }: Pick<TenantCall, 'scope'> & { id: string },
): Promise<TemplateList> {
  const conversation = await findConversation(deps, { scope, id });
  try {
    const { provider } = await loadProvider(deps, {
      tenantId: scope.tenantId,
      numberId: String(conversation.numberId),
    });
    const templates = await provider.listTemplates();
    return { templates: templates.sort((a, b) => a.name.localeCompare(b.name)), unavailable: null };
  } catch (err) {
    if (err instanceof ProviderSendError) return { templates: [], unavailable: err.message };
    throw err;
  }
}
