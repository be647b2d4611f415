/** The one place SQL identifiers and literals are quoted. */

/** Quotes an identifier for DuckDB: "name", with embedded quotes doubled. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal for DuckDB: 'text', with embedded quotes doubled. */
export function quoteString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A DuckDB struct literal of string values: {'a': 'x', 'b': 'y'}. */
export function structLiteral(entries: Readonly<Record<string, string>>): string {
  return `{${Object.entries(entries)
    .map(([k, v]) => `${quoteString(k)}: ${quoteString(v)}`)
    .join(', ')}}`;
}

/** A DuckDB list literal of strings: ['a', 'b']. */
export function listLiteral(items: readonly string[]): string {
  return `[${items.map(quoteString).join(', ')}]`;
}
