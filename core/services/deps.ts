import type { Client } from '@temporalio/client';
import type { Config } from '../config';
import type { Db } from '../db';
import type { Role } from '../db/models/user';
import type { Actor } from '../../workflows/definitions';

/**
 * What services are built on, made once per process. Each service names the part
 * it uses (`Pick<ServiceDeps, 'db'>`, a narrower config), so tests and activities
 * pass only that.
 */
export interface ServiceDeps {
  db: Db;
  config: Config;
  temporal: Client;
}

/** A service that only reads and writes the database. */
export type DbDeps = Pick<ServiceDeps, 'db'>;

/** A service that also needs some settings (keys, provider base URLs). */
export interface ConfigDeps<K extends keyof Config> {
  db: Db;
  config: Pick<Config, K>;
}

/** Where a request acts: every service is scoped to one tenant by the caller's membership. */
export interface TenantScope {
  tenantId: string;
  tenantSlug: string;
  /** Base URL providers reach us at (PUBLIC_BASE_URL, or the request's origin): for webhook URLs. */
  baseUrl: string;
}

/**
 * The one argument shape of the services people call (through the API and the
 * UI alike): where, who, and — per service — the object's `id` from the URL and
 * the `input` the client sent, unparsed (the service parses it with its schema).
 */
export interface TenantCall {
  scope: TenantScope;
  actor: Actor & { role?: Role };
}
