/**
 * FerretDB 1.24 on PostgreSQL pushes an equality filter down as
 * `(_jsonb -> 'field') @> value`, but builds the models' indexes as btrees on
 * `(_jsonb -> 'field')`, which `@>` cannot use: every query but one by `_id` is a
 * sequential scan of the whole table (ADR 0130). A GIN index on the same expression
 * serves `@>`, so for each field the models index ascending (the equality keys; the
 * descending ones are sort keys, not pushed down) we add one, straight in PostgreSQL.
 * Only the local stack's second backend needs this; MongoDB uses the models' indexes.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Db } from '../../core/db';

const execFileAsync = promisify(execFile);

/** Collection name → top-level fields that its indexes compare for equality. */
export function equalityKeys(db: Db): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const model of Object.values(db.connection.models)) {
    const fields = new Set<string>();
    for (const [spec] of model.schema.indexes()) {
      for (const [field, direction] of Object.entries(spec)) {
        if (direction === 1 && field !== '_id' && !field.includes('.')) fields.add(field);
      }
    }
    if (fields.size > 0) keys.set(model.collection.collectionName, [...fields].sort());
  }
  return keys;
}

/**
 * Adds the GIN indexes for the models' collections in `database` (creating their
 * indexes first, which creates the tables). Idempotent; returns what it made sure of.
 */
export async function addPushdownIndexes(options: {
  postgresUrl: string;
  postgresBin: string;
  database: string;
  db: Db;
}): Promise<string[]> {
  const psql = (sql: string) =>
    execFileAsync(path.join(options.postgresBin, 'psql'), [options.postgresUrl, '-qAtX', '-F', '\t', '-c', sql], {
      encoding: 'utf8',
    }).then((r) => r.stdout.trim());
  await Promise.all(Object.values(options.db.connection.models).map((model) => model.init()));
  const schema = quoteIdent(options.database);
  const rows = await psql(`SELECT _jsonb->>'_id', _jsonb->>'table' FROM ${schema}._ferretdb_database_metadata`).catch(
    () => '',
  );
  const tables = new Map(rows ? rows.split('\n').map((line) => line.split('\t') as [string, string]) : []);
  const created: string[] = [];
  for (const [collection, fields] of equalityKeys(options.db)) {
    const table = tables.get(collection);
    if (!table) continue;
    for (const field of fields) {
      const name = `${table}_${field}_gin`.slice(0, 63);
      await psql(
        `CREATE INDEX IF NOT EXISTS ${quoteIdent(name)} ON ${schema}.${quoteIdent(table)} USING gin ((_jsonb -> ${quoteLiteral(field)}))`,
      );
      created.push(`${collection}.${field}`);
    }
  }
  return created;
}

function quoteIdent(name: string) {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(value: string) {
  return `'${value.replace(/'/g, "''")}'`;
}
