/** What the page's parts share: the session, the node on display, and a few actions. */
import type { JobJson, SessionJson } from '../../contracts/explore.js';

export interface App {
  session: SessionJson;
  /** Levels of the node on display, by QI. */
  levels: Record<string, number>;
  /** Loads another node. */
  setLevels(levels: Record<string, number>): void;
  /** Shows an error (or clears it with ''). */
  error(text: string): void;
  /** Polls the running job until it ends, reporting each state. */
  pollJob(onUpdate: (job: JobJson) => void): Promise<JobJson>;
}

/** Levels by name from an array in QI order. */
export function levelsByName(session: SessionJson, levels: readonly number[]): Record<string, number> {
  return Object.fromEntries(session.quasiIdentifiers.map((q, i) => [q.attribute, levels[i] ?? 0]));
}

/** Levels in QI order from a record. */
export function levelsArray(session: SessionJson, levels: Record<string, number>): number[] {
  return session.quasiIdentifiers.map((q) => levels[q.attribute] ?? 0);
}

/** "age=2, zip=3" */
export function levelsText(levels: Record<string, number>): string {
  return Object.entries(levels)
    .map(([q, l]) => `${q}=${l}`)
    .join(', ');
}
