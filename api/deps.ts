import type { Client } from '@temporalio/client';
import type { Config } from '../core/config';
import type { Db } from '../core/db';

/** What every request handler may use: built once per process, passed down (no globals). */
export interface ApiDeps {
  config: Config;
  db: Db;
  temporal: Client;
}
