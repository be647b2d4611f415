import { createReadStream } from 'node:fs';
import { RecordBatchReader, Type, type DataType, type Field } from 'apache-arrow';
import type { DuckDBAppender } from '@duckdb/node-api';
import type { Database } from './database.js';
import { quoteIdent } from './sql.js';
import { DataError } from '../errors.js';

type Appendable = (appender: DuckDBAppender, value: unknown) => void;

interface ColumnPlan {
  sqlType: string;
  append: Appendable;
}

function planFor(type: DataType): ColumnPlan {
  switch (type.typeId) {
    case Type.Int:
    case Type.Int8:
    case Type.Int16:
    case Type.Int32:
    case Type.Uint8:
    case Type.Uint16:
    case Type.Uint32:
    case Type.Int64:
    case Type.Uint64:
      return { sqlType: 'BIGINT', append: (a, v) => a.appendBigInt(BigInt(v as number | bigint)) };
    case Type.Float:
    case Type.Float16:
    case Type.Float32:
    case Type.Float64:
    case Type.Decimal:
      return { sqlType: 'DOUBLE', append: (a, v) => a.appendDouble(Number(v)) };
    case Type.Bool:
      return { sqlType: 'BOOLEAN', append: (a, v) => a.appendBoolean(Boolean(v)) };
    case Type.Date:
    case Type.DateDay:
    case Type.DateMillisecond:
      return { sqlType: 'VARCHAR', append: (a, v) => a.appendVarchar(new Date(Number(v)).toISOString().slice(0, 10)) };
    case Type.Timestamp:
    case Type.TimestampSecond:
    case Type.TimestampMillisecond:
    case Type.TimestampMicrosecond:
    case Type.TimestampNanosecond:
      return { sqlType: 'VARCHAR', append: (a, v) => a.appendVarchar(new Date(Number(v)).toISOString()) };
    case Type.Dictionary:
      return { sqlType: 'VARCHAR', append: (a, v) => a.appendVarchar(String(v)) };
    default:
      return { sqlType: 'VARCHAR', append: (a, v) => a.appendVarchar(String(v)) };
  }
}

/**
 * Streams an Arrow IPC file (file or stream format) into a DuckDB table, one record
 * batch at a time, so JS never holds more than a batch. DuckDB's own arrow extension is
 * not available offline, hence this path. Integers load as BIGINT, floats as DOUBLE,
 * booleans as BOOLEAN; strings, dictionaries, dates and timestamps as text (ISO dates).
 */
/** `display` is the path as the user gave it, for messages. */
export async function loadArrowTable(db: Database, file: string, table: string, display: string = file): Promise<void> {
  let reader: RecordBatchReader;
  try {
    reader = await RecordBatchReader.from(createReadStream(file));
    await reader.open();
  } catch (e) {
    throw new DataError(`${display}: not a readable Arrow IPC file [rule: arrow.invalid]`, { file: display, rule: 'arrow.invalid' }, String(e));
  }
  const fields: Field[] = reader.schema.fields;
  if (fields.length === 0) throw new DataError(`${display}: the Arrow schema has no columns [rule: data.empty]`, { file: display, rule: 'data.empty' });
  const plans = fields.map((f) => planFor(f.type));
  const names = fields.map((f) => f.name);
  // DuckDB's names are case-insensitive: `mrn` and `MRN` cannot both be columns of a table.
  const lower = names.map((n) => n.toLowerCase());
  const second = lower.findIndex((n, i) => lower.indexOf(n) !== i);
  if (second >= 0) {
    const first = lower.indexOf(lower[second]);
    const how = names[first] === names[second] ? `column "${names[second]}" appears twice` : `columns "${names[first]}" and "${names[second]}" differ only by case, which DuckDB cannot tell apart`;
    throw new DataError(`${display}: ${how} [rule: data.duplicateColumn]; rename one of them`, { file: display, column: names[second], rule: 'data.duplicateColumn' });
  }
  await db.exec(
    `CREATE OR REPLACE TABLE ${quoteIdent(table)} (${fields.map((f, i) => `${quoteIdent(f.name)} ${plans[i].sqlType}`).join(', ')})`,
  );
  const appender = await db.connection.createAppender(table);
  try {
    for await (const batch of reader) {
      const columns = fields.map((_, i) => batch.getChildAt(i));
      for (let r = 0; r < batch.numRows; r++) {
        for (let c = 0; c < columns.length; c++) {
          const col = columns[c];
          const v: unknown = col && col.isValid(r) ? col.get(r) : null;
          if (v === null || v === undefined) appender.appendNull();
          else plans[c].append(appender, v);
        }
        appender.endRow();
      }
    }
    appender.flushSync();
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw new DataError(`${display}: cannot read the Arrow record batches [rule: arrow.invalid]`, { file: display, rule: 'arrow.invalid' }, String(e));
  } finally {
    appender.closeSync();
  }
}
