import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/** An embedded, in-process DuckDB: no server, nothing downloaded at run time. */
export interface Database {
  readonly connection: DuckDBConnection;
  /** Runs a statement and discards its result. */
  exec(sql: string): Promise<void>;
  /** Runs a query and returns its rows as JS values (small results only). */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  close(): void;
}

export interface DatabaseOptions {
  /** DuckDB worker threads (default: DuckDB's choice, the core count). */
  threads?: number;
  /** DuckDB memory limit, e.g. '4GB'. */
  memoryLimit?: string;
}

/**
 * Opens an in-memory DuckDB. Extension auto-install and auto-load are off, so a query
 * that would need a downloadable extension fails fast and clearly instead of reaching
 * for the network (toolchain.md).
 */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const config: Record<string, string> = {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    enable_external_access: 'true',
    // No result of edra depends on row order, and dropping the guarantee lets DuckDB
    // materialise grouped tables without an order-preserving merge.
    preserve_insertion_order: 'false',
  };
  if (options.threads) config.threads = String(options.threads);
  if (options.memoryLimit) {
    // Under a limit DuckDB spills large aggregates to disk: never beside the user's data.
    config.memory_limit = options.memoryLimit;
    config.temp_directory = path.join(os.tmpdir(), `edra-spill-${process.pid}`);
  }
  const instance = await DuckDBInstance.create(':memory:', config);
  const connection = await instance.connect();
  return {
    connection,
    async exec(sql) {
      await connection.run(sql);
    },
    async rows(sql) {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowObjectsJS() as Record<string, unknown>[];
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
