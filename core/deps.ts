import type { Client } from '@temporalio/client';
import type { Config } from './config';
import type { Db } from './db';

/** What every request handler (API route, Remix loader/action) may use: built once per process, passed down. */
export interface ApiDeps {
  config: Config;
  db: Db;
  temporal: Client;
}
