import {
  conversationFilterSchema,
  type ConversationFilter,
} from '../../../core/services/conversations/list-conversations';

/**
 * The list's filters from a page's query string. A hand-edited query string falls back to
 * "no filter" rather than an error page.
 */
export function conversationFilterOf(search: URLSearchParams): ConversationFilter {
  const parsed = conversationFilterSchema.safeParse(Object.fromEntries(search));
  return parsed.success ? parsed.data : {};
}
