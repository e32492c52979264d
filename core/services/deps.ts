import type { Config } from '../config';
import type { Db } from '../db';

/** What the configuration services need: the database and the settings (keys, provider base URLs). */
export interface ServiceDeps {
  db: Db;
  config: Pick<Config, 'ENCRYPTION_KEY' | 'TWILIO_API_BASE_URL' | 'META_GRAPH_BASE_URL' | 'META_GRAPH_VERSION'>;
}

/** Who acts and where: every service is scoped to one tenant by the caller's membership. */
export interface TenantScope {
  tenantId: string;
  tenantSlug: string;
  /** Base URL providers reach us at (PUBLIC_BASE_URL, or the request's origin): for webhook URLs. */
  baseUrl: string;
}
