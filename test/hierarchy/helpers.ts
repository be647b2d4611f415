import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { hierarchySpecSchema } from '../../src/config/hierarchySpec.js';
import { EdraError } from '../../src/errors.js';
import type { ResolvedHierarchy } from '../../src/model/hierarchy.js';
import { resolveHierarchy } from '../../src/hierarchy/resolve.js';

/** A temporary directory for hierarchy files, standing in for the spec file's directory. */
export function scratch(): { dir: string; file: (name: string, content: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'edra-hier-'));
  return {
    dir,
    file: (name, content) => {
      const f = path.join(dir, name);
      writeFileSync(f, content);
      return f;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Validates a spec entry as the spec loader would (defaults applied) and resolves it. */
export function resolve(spec: unknown, values: readonly (string | null)[], attribute = 'q', baseDir = '.'): ResolvedHierarchy {
  return resolveHierarchy(hierarchySpecSchema.parse(spec), attribute, values, { baseDir, specFile: 'spec.yaml' });
}

/** Labels of every code at `level` (through maps and labels). */
export function labelsAt(h: ResolvedHierarchy, level: number): (string | null)[] {
  return Array.from(h.maps[level], (g) => h.labels[level][g]);
}

/** The error f throws, checked to be an EdraError. */
export function thrown(f: () => unknown): EdraError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(EdraError);
    return e as EdraError;
  }
  throw new Error('expected an error');
}

/** maps[l][a] === maps[l][b] ⇒ maps[l+1][a] === maps[l+1][b], for all levels and codes. */
export function isConsistent(h: ResolvedHierarchy): boolean {
  for (let l = 0; l < h.height; l++) {
    const up = new Map<number, number>();
    for (let c = 0; c < h.maps[l].length; c++) {
      const g = h.maps[l][c];
      const p = up.get(g);
      if (p === undefined) up.set(g, h.maps[l + 1][c]);
      else if (p !== h.maps[l + 1][c]) return false;
    }
  }
  return true;
}
