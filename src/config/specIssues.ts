/**
 * Spec validation issues in the spec's own terms: each zod issue at the line and column of
 * its YAML node (the `yaml` document API with a LineCounter), in words a spec author uses
 * ("must be a whole number", not "expected int, received number"), misspelt keys and enum
 * values with a "did you mean", and union failures reduced to the branch that was meant.
 * A spec holds no PHI, so every issue is listed.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter } from 'yaml';
import { z } from 'zod';
import { nearestName } from './nearestName.js';

/** A 1-based line and column in the spec text. */
export interface SpecPosition {
  line: number;
  col: number;
}

/** One issue, translated and placed. */
export interface SpecIssue {
  path: (string | number)[];
  /** Dotted path, e.g. `thresholds.k` (`(top level)` for the root). */
  where: string;
  message: string;
  /** zod's issue code, the rule is `spec.<code>`. */
  code: string;
  position: SpecPosition;
}

type Segment = string | number;

/** Where a path sits in the document: its node, or the key of a missing entry's parent chain. */
export function positionAt(doc: Document, lc: LineCounter, path: readonly Segment[], atKey = false): SpecPosition {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const keyStart = rangeStart(pair.key);
      if (atKey && i === path.length - 1 && keyStart !== undefined) {
        offset = keyStart;
        break;
      }
      node = pair.value;
      offset = rangeStart(node) ?? keyStart ?? offset;
    } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
      node = node.items[seg];
      offset = rangeStart(node) ?? offset;
    } else break;
  }
  const { line, col } = lc.linePos(offset);
  return { line, col };
}

/** The position of a dotted spec path (keys may themselves hold dots: the longest key that matches wins). */
export function positionOfDotted(doc: Document, lc: LineCounter, dotted: string): SpecPosition {
  const parts = dotted.split('.');
  const path: Segment[] = [];
  let node: unknown = doc.contents;
  let i = 0;
  while (i < parts.length) {
    let matched = false;
    const here = node;
    if (isMap(here)) {
      for (let j = parts.length; j > i && !matched; j--) {
        const key = parts.slice(i, j).join('.');
        const pair = here.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
        if (pair) {
          path.push(key);
          node = pair.value;
          i = j;
          matched = true;
        }
      }
    } else if (isSeq(node) && /^\d+$/.test(parts[i]) && Number(parts[i]) < node.items.length) {
      path.push(Number(parts[i]));
      node = node.items[Number(parts[i])];
      i++;
      matched = true;
    }
    if (!matched) break;
  }
  return positionAt(doc, lc, path);
}

function rangeStart(node: unknown): number | undefined {
  if (node !== null && typeof node === 'object' && 'range' in node) {
    const range = (node as { range?: unknown }).range;
    if (Array.isArray(range) && typeof range[0] === 'number') return range[0];
  }
  return undefined;
}

/** The issues of a failed parse, translated, placed and sorted by position. */
export function specIssues(issues: readonly z.core.$ZodIssue[], raw: unknown, doc: Document, lc: LineCounter, schema: z.ZodType): SpecIssue[] {
  const out: SpecIssue[] = [];
  for (const issue of flatten(issues, [], raw)) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt(schema, path);
      for (const key of issue.keys) {
        const near = nearestName(key, known);
        out.push(placed([...path, key], `unknown key "${key}"${near ? `; did you mean "${near}"?` : known.length > 0 ? ` (known keys: ${known.join(', ')})` : ''}`, issue.code, doc, lc, true));
      }
      continue;
    }
    out.push(placed(path, translate(issue, valueAt(raw, path)), issue.code, doc, lc, false));
  }
  return out.sort((a, b) => a.position.line - b.position.line || a.position.col - b.position.col);
}

function placed(path: Segment[], message: string, code: string, doc: Document, lc: LineCounter, atKey: boolean): SpecIssue {
  return { path, where: path.length ? path.map(String).join('.') : '(top level)', message, code, position: positionAt(doc, lc, path, atKey) };
}

/**
 * Union failures: the branch the author meant (the one whose own keys are present) with its
 * issues; when no branch is meant, one issue listing the forms.
 */
function flatten(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[], raw: unknown): z.core.$ZodIssue[] {
  const out: z.core.$ZodIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code !== 'invalid_union' || issue.errors.length === 0) {
      out.push({ ...issue, path });
      continue;
    }
    const value = valueAt(raw, path.map((p) => (typeof p === 'symbol' ? String(p) : p)));
    const missingKey = (branch: readonly z.core.$ZodIssue[]) =>
      branch.some((b) => b.code === 'invalid_type' && b.path.length === 1 && valueAt(value, [String(b.path[0])]) === undefined);
    const meant = issue.errors.filter((branch) => !missingKey(branch));
    if (meant.length > 0 && value !== null && typeof value === 'object') {
      const best = meant.reduce((a, b) => (b.length < a.length ? b : a));
      out.push(...flatten(best, path, raw));
      continue;
    }
    const forms = issue.errors.map((branch) => {
      const key = branch.find((b) => b.code === 'invalid_type' && b.path.length === 1);
      if (key) return `{ ${String(key.path[0])} }`;
      const top = branch.find((b) => b.code === 'invalid_type' && b.path.length === 0);
      return top && top.code === 'invalid_type' ? kindName(top.expected) : 'another form';
    });
    const distinct = [...new Set(forms)];
    if (distinct.length === 1 && !distinct[0].startsWith('{')) {
      out.push({ code: 'custom', path, message: `must be ${distinct[0]}, not ${describeValue(value)}`, input: undefined });
      continue;
    }
    const keys = value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
    const formKeys = forms.map((f) => /^\{ (.+) \}$/.exec(f)?.[1]).filter((k): k is string => k !== undefined);
    const unknown = keys.filter((k) => !formKeys.includes(k)).map((k) => [k, nearestName(k, formKeys)] as const).find(([, n]) => n !== undefined);
    const hint = unknown ? `; unknown key "${unknown[0]}": did you mean "${unknown[1]}"?` : '';
    out.push({ code: 'custom', path, message: `must be one of ${distinct.join(', ')}${hint}`, input: undefined });
  }
  return out;
}

/** The raw (parsed YAML) value at a path, or undefined. */
export function valueAt(raw: unknown, path: readonly Segment[]): unknown {
  let v: unknown = raw;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[String(seg)];
  }
  return v;
}

function kindName(expected: string): string {
  switch (expected) {
    case 'int':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'string':
      return 'text';
    case 'boolean':
      return 'true or false';
    case 'array':
    case 'tuple':
      return 'a list';
    case 'object':
    case 'record':
    case 'map':
      return 'a mapping (key: value)';
    case 'null':
      return 'null';
    default:
      return expected;
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return Number.isInteger(value) ? `the number ${value}` : `the fraction ${value}`;
  return String(value);
}

function bound(n: number | bigint, inclusive: boolean | undefined, low: boolean): string {
  if (inclusive === false) return `${low ? 'greater' : 'less'} than ${n}`;
  return `${low ? 'at least' : 'at most'} ${n}`;
}

/** zod's message for one issue, in the spec's terms. */
function translate(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return `is required (${kindName(issue.expected)})`;
      return `must be ${kindName(issue.expected)}, not ${describeValue(value)}`;
    case 'too_small': {
      const n = issue.minimum;
      if (issue.origin === 'array' || issue.origin === 'set') return `must list ${bound(n, issue.inclusive, true)} item(s)`;
      if (issue.origin === 'string') return Number(n) <= 1 ? 'must not be empty' : `must have ${bound(n, issue.inclusive, true)} characters`;
      return `must be ${bound(n, issue.inclusive, true)}`;
    }
    case 'too_big': {
      const n = issue.maximum;
      if (issue.origin === 'array' || issue.origin === 'set') return `must list ${bound(n, issue.inclusive, false)} item(s)`;
      if (issue.origin === 'string') return `must have ${bound(n, issue.inclusive, false)} character(s)`;
      return `must be ${bound(n, issue.inclusive, false)}`;
    }
    case 'invalid_value': {
      const options = issue.values.map(String);
      const near = typeof value === 'string' ? (nearestName(value, options) ?? options.find((o) => value.length >= 2 && o.toLowerCase().startsWith(value.toLowerCase()))) : undefined;
      return `must be one of ${options.join(', ')}${near ? `; did you mean "${near}"?` : ''}`;
    }
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'invalid_format':
      return `must be a valid ${issue.format}`;
    case 'invalid_key':
      return 'has a key of the wrong kind';
    case 'invalid_element':
      return 'has an element of the wrong kind';
    default:
      return issue.message;
  }
}

/** The keys a strict object accepts at a path of the schema (for "did you mean"). */
export function keysAt(schema: z.ZodType, path: readonly Segment[]): string[] {
  const candidates = resolveAt(schema, path);
  const keys = new Set<string>();
  for (const s of candidates) if (s instanceof z.ZodObject) for (const k of Object.keys(s.shape)) keys.add(k);
  return [...keys];
}

function unwrap(s: z.ZodType): z.ZodType[] {
  if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault || s instanceof z.ZodPrefault || s instanceof z.ZodReadonly || s instanceof z.ZodCatch) {
    return unwrap(s.unwrap() as z.ZodType);
  }
  if (s instanceof z.ZodUnion) return (s.options as readonly z.ZodType[]).flatMap(unwrap);
  if (s instanceof z.ZodPipe) return unwrap(s.in as z.ZodType);
  if (s instanceof z.ZodLazy) return unwrap(s.unwrap() as z.ZodType);
  return [s];
}

function resolveAt(schema: z.ZodType, path: readonly Segment[]): z.ZodType[] {
  let current = unwrap(schema);
  for (const seg of path) {
    const next: z.ZodType[] = [];
    for (const s of current) {
      if (s instanceof z.ZodObject) {
        const child = (s.shape as Record<string, z.ZodType | undefined>)[String(seg)];
        if (child) next.push(...unwrap(child));
      } else if (s instanceof z.ZodRecord) next.push(...unwrap(s.valueType as z.ZodType));
      else if (s instanceof z.ZodArray) next.push(...unwrap(s.element as z.ZodType));
    }
    current = next;
  }
  return current;
}
