import os from 'node:os';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { createRunDir, removeRunDir } from './tempFiles.js';
import { defaultMemoryLimit } from './memoryBudget.js';

/** An embedded, in-process DuckDB: no server, nothing downloaded at run time. */
export interface Database {
  readonly connection: DuckDBConnection;
  /** The run's private temporary directory (mode 0700, removed on close): DuckDB spills here. */
  readonly tempDir: string;
  /** Runs a statement and discards its result. */
  exec(sql: string): Promise<void>;
  /** Runs a query and returns its rows as JS values (small results only). */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  close(): void;
}

export interface DatabaseOptions {
  /** DuckDB worker threads (default: DuckDB's choice, the core count). */
  threads?: number;
  /** DuckDB memory limit (its buffer pool), e.g. '4GB'; default: half the memory available (memoryBudget.ts). */
  memoryLimit?: string;
  /** Directory under which the run's private spill directory is made (default: the system temp directory). */
  tempDir?: string;
}

/** The connections of the databases open in this process (interrupted on a signal). */
const openConnections = new Set<DuckDBConnection>();

/**
 * Interrupts every running DuckDB query of the process (for the signal handlers: a process
 * exiting in the middle of a COPY would otherwise wait in DuckDB's destructors until the
 * query ends).
 */
export function interruptAllQueries(): void {
  for (const c of openConnections) {
    try {
      c.interrupt();
    } catch {
      // Already closed.
    }
  }
}

/**
 * Opens an in-memory DuckDB. Extension auto-install and auto-load are off, so a query
 * that would need a downloadable extension fails fast and clearly instead of reaching
 * for the network (toolchain.md). DuckDB's temporary files (spilled aggregates: raw cell
 * values) go to a private directory made for this database (mode 0700) under `tempDir` or
 * the system temp directory, never DuckDB's default `.tmp` in the working directory; it is
 * removed when the database closes, on exit and on signals, and swept by a later run after a
 * SIGKILL (tempFiles.ts). DuckDB 1.5.5 encrypts temporary files only with its OpenSSL-backed
 * crypto (the httpfs extension, which edra does not load): they are not encrypted.
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
  // Without --memory-limit, half of the memory this process may use (memoryBudget.ts), not DuckDB's 80%.
  config.memory_limit = options.memoryLimit ?? defaultMemoryLimit();
  const runDir = createRunDir(options.tempDir ?? os.tmpdir());
  config.temp_directory = runDir;
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  try {
    instance = await DuckDBInstance.create(':memory:', config);
    connection = await instance.connect();
  } catch (e) {
    removeRunDir(runDir);
    throw e;
  }
  openConnections.add(connection);
  return {
    connection,
    tempDir: runDir,
    async exec(sql) {
      await connection.run(sql);
    },
    async rows(sql) {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowObjectsJS() as Record<string, unknown>[];
    },
    close() {
      openConnections.delete(connection);
      try {
        connection.closeSync();
        instance.closeSync();
      } finally {
        removeRunDir(runDir);
      }
    },
  };
}
