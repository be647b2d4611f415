import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, visit, type Document } from 'yaml';
import { SpecError } from '../errors.js';
import { specSchema, type Spec } from './spec.js';
import { positionOfDotted, specIssues, type SpecIssue, type SpecPosition } from './specIssues.js';

/** A validated spec with the location it was read from. */
export interface LoadedSpec {
  spec: Spec;
  /** Absolute path of the spec file (or '<inline>'). */
  file: string;
  /** Directory that relative paths of the spec are resolved against. */
  baseDir: string;
  /** The spec text as written (it holds no data values). */
  text: string;
  /** The spec file as the user named it (for messages). */
  display: string;
  /** Line and column of a dotted spec path (`thresholds.k`), or of its nearest present ancestor. */
  positionOf(path: string): SpecPosition;
}

/** Reads and validates a YAML or JSON spec file. Throws SpecError (exit 2). */
export function loadSpec(file: string): LoadedSpec {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SpecError(`${file}: cannot read the spec: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : code ?? 'unreadable'} [rule: spec.unreadable]`, {
      file,
      rule: 'spec.unreadable',
    });
  }
  return parseSpecText(text, abs, path.dirname(abs), file);
}

/**
 * Parses and validates spec text (YAML is a superset of JSON). Every schema issue is
 * reported at its line and column, in the spec's terms (src/config/specIssues.ts): the first
 * as the error's message, the others as its further lines.
 */
export function parseSpecText(text: string, file = '<inline>', baseDir = process.cwd(), display = file): LoadedSpec {
  // prettyErrors: false leaves err.linePos unset, so the line comes from a LineCounter.
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter });
  if (doc.errors.length > 0) {
    const lines = doc.errors.map((err) => {
      const pos = err.pos?.[0] !== undefined ? lineCounter.linePos(err.pos[0]) : undefined;
      const what = yamlProblems[err.code] ? `${yamlProblems[err.code]} (${err.code})` : `(${err.code})`;
      return { pos, text: `${display}${pos ? `:${pos.line}:${pos.col}` : ''}: spec is not valid YAML/JSON: ${what} [rule: spec.syntax]` };
    });
    const first = lines[0];
    throw new SpecError(first.text, { file: display, ...(first.pos ? { line: first.pos.line, col: first.pos.col } : {}), rule: 'spec.syntax' }, undefined, lines.slice(1, 50).map((l) => l.text));
  }
  const raw = specValue(doc, display, lineCounter);
  const positionOf = (dotted: string) => positionOfDotted(doc, lineCounter, dotted);
  const parsed = specSchema.safeParse(raw ?? {});
  if (!parsed.success) throw specIssueError(specIssues(parsed.error.issues, raw ?? {}, doc, lineCounter, specSchema), display);
  return { spec: parsed.data, file, baseDir, text, display, positionOf };
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

/** The yaml package's error codes, in words. */
const yamlProblems: Partial<Record<string, string>> = {
  BAD_INDENT: 'bad indentation',
  DUPLICATE_KEY: 'a key appears twice in one mapping',
  MISSING_CHAR: 'a closing bracket, brace or quote is missing',
  UNEXPECTED_TOKEN: 'unexpected character',
  TAB_AS_INDENT: 'a tab is used for indentation',
  MULTIPLE_DOCS: 'more than one YAML document',
  BAD_SCALAR_START: 'a value cannot start with this character',
  BLOCK_AS_IMPLICIT_KEY: 'a nested block where a key was expected',
  MULTILINE_IMPLICIT_KEY: 'a key spans several lines',
  BAD_DQ_ESCAPE: 'an invalid escape in a double-quoted string',
  BAD_ALIAS: 'an alias to an unknown anchor',
  TAG_RESOLVE_FAILED: 'a value does not match its tag',
};

/** At most this many issues are listed (a spec rarely has more; the count says how many). */
const maxListed = 50;

function specIssueError(issues: readonly SpecIssue[], display: string): SpecError {
  const lines = issues.map((i) => `${display}:${i.position.line}:${i.position.col}: spec ${i.where}: ${i.message} [rule: spec.${i.code}]`);
  const first = issues[0];
  const more = lines.slice(1, maxListed);
  if (lines.length > maxListed) more.push(`${display}: ${lines.length - maxListed} more spec issue(s) not listed [rule: spec.more]`);
  return new SpecError(
    lines[0],
    { file: display, line: first.position.line, col: first.position.col, path: first.where, rule: `spec.${first.code}` },
    undefined,
    more,
  );
}
