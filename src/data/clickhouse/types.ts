/**
 * ClickHouse column types as the DuckDB types their grouped values are loaded into, so the
 * local steps (dictionaries in type order, hierarchies over the values as text, the ordered
 * distance of a numeric sensitive attribute) see what they would see reading the same data
 * from a typed file (Parquet): integers stay integers, text stays text, dates stay dates.
 */

/** The DuckDB type of a ClickHouse type, or undefined when edra cannot group by it (arrays, tuples, maps...). */
export function duckdbTypeOf(clickhouseType: string): string | undefined {
  let t = clickhouseType.trim();
  // Wrappers that do not change the values.
  for (;;) {
    const m = /^(Nullable|LowCardinality)\((.*)\)$/.exec(t);
    if (!m) break;
    t = m[2].trim();
  }
  if (/^U?Int(8|16|32)$/.test(t)) return 'BIGINT';
  if (t === 'Int64') return 'BIGINT';
  if (t === 'UInt64') return 'UBIGINT';
  if (/^U?Int(128|256)$/.test(t)) return 'HUGEINT';
  if (t === 'Float32' || t === 'Float64') return 'DOUBLE';
  const dec = /^Decimal(?:32|64|128)?\((\d+)\s*,\s*(\d+)\)$/.exec(t) ?? /^Decimal(32|64|128)\((\d+)\)$/.exec(t);
  if (dec) {
    if (t.startsWith('Decimal(')) return Number(dec[1]) <= 38 ? `DECIMAL(${dec[1]}, ${dec[2]})` : 'DOUBLE';
    const precision = { '32': 9, '64': 18, '128': 38 }[dec[1]] ?? 38;
    return `DECIMAL(${precision}, ${dec[2]})`;
  }
  if (t === 'String' || /^FixedString\(\d+\)$/.test(t) || /^Enum(8|16)?\(/.test(t) || t === 'UUID' || t === 'IPv4' || t === 'IPv6') return 'VARCHAR';
  if (t === 'Date' || t === 'Date32') return 'DATE';
  if (/^DateTime(\(.*\))?$/.test(t)) return 'TIMESTAMP';
  if (/^DateTime64\(/.test(t)) return 'TIMESTAMP';
  if (t === 'Bool' || t === 'Boolean') return 'BOOLEAN';
  return undefined;
}
