import type { Database } from './database.js';

/**
 * The values of a sensitive attribute's dictionary as text, indexed by code (NULL is null).
 * They stay in memory to map values to a hierarchy or an explicit order, and are never
 * written to any output.
 */
export async function sensitiveDictionary(db: Database, j: number): Promise<(string | null)[]> {
  const rows = await db.rows(`SELECT v::VARCHAR AS v FROM edra_sdict_${j} ORDER BY code`);
  return rows.map((r) => (r.v === null || r.v === undefined ? null : String(r.v)));
}

/**
 * The values of quasi-identifier q's dictionary as text, indexed by code (NULL is null).
 * Hierarchies are resolved against them; they are never written to any output except the
 * anonymized file, through a hierarchy's labels.
 */
export async function quasiIdentifierDictionary(db: Database, q: number): Promise<(string | null)[]> {
  const rows = await db.rows(`SELECT v::VARCHAR AS v FROM edra_dict_${q} ORDER BY code`);
  return rows.map((r) => (r.v === null || r.v === undefined ? null : String(r.v)));
}
