/**
 * The fixed words the API answers with, for adapters that describe it (the
 * OpenAPI document): api/ reaches the models only through core/services.
 */
export { CONVERSATION_STATUSES } from '../db/models/conversation';
export { MESSAGE_STATUSES } from '../db/models/message';
export { NOTIFICATION_KINDS } from '../db/models/notification';
export { ROLES } from '../db/models/user';
export { PROVIDERS } from './numbers/schemas';
