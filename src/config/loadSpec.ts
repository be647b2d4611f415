import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, visit, type Document } from 'yaml';
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
  const raw = specValue(doc, file, lineCounter);
  const parsed = specSchema.safeParse(raw ?? {});
  if (!parsed.success) throw specIssueError(parsed.error.issues, file);
  return { spec: parsed.data, file, baseDir, text };
}

/**
 * The most aliases (`*name`) a spec may use. A YAML alias repeats its anchor's node, so a few
 * lines of nested aliases expand to billions of nodes (a "billion laughs" attack); a spec
 * needs few or none.
 */
export const SPEC_MAX_ALIASES = 50;

/** The spec document as plain values, aliases within the budget (SpecError [rule: spec.aliases]). */
function specValue(doc: Document, file: string, lineCounter: LineCounter): unknown {
  const aliases: { source: string; offset: number | undefined }[] = [];
  visit(doc, {
    Alias(_, node) {
      aliases.push({ source: node.source, offset: node.range?.[0] });
    },
  });
  const at = (offset: number | undefined) => (offset !== undefined ? `:${lineCounter.linePos(offset).line}` : '');
  const lineOf = (offset: number | undefined) => (offset !== undefined ? lineCounter.linePos(offset).line : undefined);
  if (aliases.length > SPEC_MAX_ALIASES) {
    const first = aliases[SPEC_MAX_ALIASES];
    throw new SpecError(`${file}${at(first.offset)}: the spec uses ${aliases.length} YAML aliases; at most ${SPEC_MAX_ALIASES} are accepted [rule: spec.aliases]`, {
      file,
      line: lineOf(first.offset),
      rule: 'spec.aliases',
    });
  }
  try {
    // The expansion budget of the yaml package (aliases times the aliases inside what they repeat).
    return doc.toJS({ maxAliasCount: SPEC_MAX_ALIASES });
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    const unresolved = /Unresolved alias/.test(e.message);
    const bad = unresolved ? aliases.find((a) => !hasAnchorBefore(doc, a.source, a.offset)) : aliases[0];
    const what = unresolved ? `alias *${bad?.source ?? '?'} has no anchor &${bad?.source ?? '?'} before it` : `its YAML aliases expand beyond the budget of ${SPEC_MAX_ALIASES}`;
    throw new SpecError(`${file}${at(bad?.offset)}: the spec is refused: ${what} [rule: spec.aliases]`, { file, line: lineOf(bad?.offset), rule: 'spec.aliases' });
  }
}

/** True when an anchor `&name` is set on a node that starts before `offset`. */
function hasAnchorBefore(doc: Document, name: string, offset: number | undefined): boolean {
  let found = false;
  visit(doc, (_, node) => {
    if (node !== null && typeof node === 'object' && 'anchor' in node && node.anchor === name) {
      const start = 'range' in node && Array.isArray(node.range) ? node.range[0] : undefined;
      if (typeof start === 'number' && offset !== undefined && start < offset) found = true;
    }
  });
  return found;
}

function specIssueError(issues: readonly z.core.$ZodIssue[], file: string): SpecError {
  const first = issues[0];
  const where = first.path.length ? first.path.map(String).join('.') : '(top level)';
  const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : '';
  const detail = issues.map((i) => `${i.path.map(String).join('.') || '(top level)'}: ${i.message} [${i.code}]`).join('\n');
  return new SpecError(`${file}: spec ${where}: ${first.message} [rule: spec.${first.code}]${more}`, { file, path: where, rule: `spec.${first.code}` }, detail);
}
