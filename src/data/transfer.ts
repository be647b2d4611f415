import duckdb from '@duckdb/node-bindings';
import type { Database } from './database.js';

/**
 * Typed-array kinds a query column can be moved into. 'int64' (BIGINT) is seen as an
 * Int32Array of two words per row, in the machine's byte order (for comparing keys for
 * equality, not for arithmetic).
 */
export type ColumnKind = 'int32' | 'float64' | 'int64';

/**
 * Runs a query whose columns are non-null INTEGER, BIGINT or DOUBLE and hands each result chunk to
 * `visit` as typed-array views over the DuckDB vectors' data buffers (no JS value per cell).
 * The views are valid during the call only: copy what is kept.
 */
export async function forEachTypedChunk(
  db: Database,
  sql: string,
  kinds: readonly ColumnKind[],
  visit: (columns: (Int32Array | Float64Array)[], rows: number) => void,
): Promise<void> {
  const result = await db.connection.stream(sql);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const n = chunk.rowCount;
    const views = kinds.map((kind, c) => {
      const vector = duckdb.data_chunk_get_vector(chunk.chunk, c);
      const bytes = duckdb.vector_get_data(vector, n * (kind === 'int32' ? 4 : 8));
      if (kind === 'float64') return new Float64Array(bytes.buffer, bytes.byteOffset, n);
      return new Int32Array(bytes.buffer, bytes.byteOffset, kind === 'int64' ? 2 * n : n);
    });
    visit(views, n);
  }
}

/**
 * Runs a query whose columns are non-null INTEGER or DOUBLE and moves them into typed
 * arrays chunk by chunk, reading each DuckDB vector's data buffer directly (about 10x
 * faster than materialising JS values; toolchain.md). `rowCount` sizes the arrays.
 */
export async function readTypedColumns(
  db: Database,
  sql: string,
  kinds: readonly ColumnKind[],
  rowCount: number,
): Promise<(Int32Array | Float64Array)[]> {
  const out = kinds.map((k) => (k === 'float64' ? new Float64Array(rowCount) : new Int32Array(k === 'int64' ? 2 * rowCount : rowCount)));
  let offset = 0;
  await forEachTypedChunk(db, sql, kinds, (views, n) => {
    if (offset + n > rowCount) throw new RangeError(`query returned more than the expected ${rowCount} rows`);
    for (let c = 0; c < kinds.length; c++) out[c].set(views[c], kinds[c] === 'int64' ? 2 * offset : offset);
    offset += n;
  });
  if (offset !== rowCount) throw new RangeError(`query returned ${offset} rows, expected ${rowCount}`);
  return out;
}
