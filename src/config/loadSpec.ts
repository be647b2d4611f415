import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { SpecError } from '../errors.js';
import { specSchema, type Spec } from './spec.js';

/** A validated spec with the location it was read from. */
export interface LoadedSpec {
  spec: Spec;
  /** Absolute path of the spec file (or '<inline>'). */
  file: string;
  /** Directory that relative paths of the spec are resolved against. */
  baseDir: string;
  /** The spec text as written (it holds no data values). */
  text: string;
}

/** Reads and validates a YAML or JSON spec file. Throws SpecError (exit 2). */
export function loadSpec(file: string): LoadedSpec {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SpecError(`cannot read spec ${file}: ${code === 'ENOENT' ? 'no such file' : code ?? 'unreadable'} [rule: spec.unreadable]`, {
      file,
      rule: 'spec.unreadable',
    });
  }
  return parseSpecText(text, abs, path.dirname(abs));
}

/** Parses and validates spec text (YAML is a superset of JSON). */
export function parseSpecText(text: string, file = '<inline>', baseDir = process.cwd()): LoadedSpec {
  // prettyErrors: false leaves err.linePos unset, so the line comes from a LineCounter.
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const line = err.linePos?.[0]?.line ?? (err.pos?.[0] !== undefined ? lineCounter.linePos(err.pos[0]).line : undefined);
    throw new SpecError(`${file}${line ? `:${line}` : ''}: spec is not valid YAML/JSON (${err.code}) [rule: spec.syntax]`, {
      file,
      line,
      rule: 'spec.syntax',
    });
  }
  const raw: unknown = doc.toJS();
  const parsed = specSchema.safeParse(raw ?? {});
  if (!parsed.success) throw specIssueError(parsed.error.issues, file);
  return { spec: parsed.data, file, baseDir, text };
}

function specIssueError(issues: readonly z.core.$ZodIssue[], file: string): SpecError {
  const first = issues[0];
  const where = first.path.length ? first.path.map(String).join('.') : '(top level)';
  const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : '';
  const detail = issues.map((i) => `${i.path.map(String).join('.') || '(top level)'}: ${i.message} [${i.code}]`).join('\n');
  return new SpecError(`${file}: spec ${where}: ${first.message} [rule: spec.${first.code}]${more}`, { file, path: where, rule: `spec.${first.code}` }, detail);
}
