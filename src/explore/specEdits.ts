/**
 * The spec as the page has edited it: the spec file's own text (comments and layout kept)
 * with the thresholds, the suppression settings and, for "save as spec", the levels set in
 * it, then validated exactly as `edra analyze` validates a spec file. What the explorer
 * measures, reports and releases is always such a validated spec, so the CLI can reproduce it.
 */
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { parseSpecText, type LoadedSpec } from '../config/loadSpec.js';
import type { SettingsJson } from '../contracts/explore.js';

/** The thresholds the page can set (numbers, and the preset by name). */
export const editableThresholds = ['preset', 'k', 'highestRisk', 'averageRisk', 'l', 'entropyL', 't', 'beta', 'enhancedBeta', 'delta', 'populationUniqueness', 'individualRisk', 'globalRisk', 'disSuda'] as const;

/** An edit the page sends: a threshold set (number or preset name) or removed (null), the suppression settings. */
export const settingsEditSchema = z.strictObject({
  thresholds: z.partialRecord(z.enum(editableThresholds), z.union([z.number().finite(), z.string().max(40), z.null()])).optional(),
  suppressionLimit: z.number().min(0).max(1).optional(),
  suppressed: z.enum(['drop', 'mask']).optional(),
});
export type SettingsEdit = z.infer<typeof settingsEditSchema>;

/** The settings a spec states. */
export function settingsOf(loaded: LoadedSpec): SettingsJson {
  const raw = parseDocument(loaded.text).toJS() as { thresholds?: Record<string, unknown> } | null;
  const written = raw?.thresholds ?? {};
  const thresholds: Record<string, number | string | undefined> = {};
  for (const key of editableThresholds) {
    const v = written[key];
    if (typeof v === 'number' || typeof v === 'string') thresholds[key] = v;
  }
  return { thresholds, suppressionLimit: loaded.spec.search?.suppressionLimit ?? 0, suppressed: loaded.spec.search?.suppressed ?? 'drop' };
}

/** The settings after an edit (null removes a threshold). */
export function applyEdit(settings: SettingsJson, edit: SettingsEdit): SettingsJson {
  const thresholds = { ...settings.thresholds };
  for (const [key, v] of Object.entries(edit.thresholds ?? {})) {
    if (v === null || v === undefined) delete thresholds[key];
    else thresholds[key] = v;
  }
  return { thresholds, suppressionLimit: edit.suppressionLimit ?? settings.suppressionLimit, suppressed: edit.suppressed ?? settings.suppressed };
}

/** Whether two settings say the same. */
export function sameSettings(a: SettingsJson, b: SettingsJson): boolean {
  const keys = new Set([...Object.keys(a.thresholds), ...Object.keys(b.thresholds)]);
  for (const k of keys) if (a.thresholds[k] !== b.thresholds[k]) return false;
  return a.suppressionLimit === b.suppressionLimit && a.suppressed === b.suppressed;
}

/**
 * The spec's text with the settings (and levels, when given) written into it; only what
 * differs from the file is touched. `format: 'json'` gives a JSON document instead of YAML.
 */
export function specTextWith(original: LoadedSpec, settings: SettingsJson, options: { levels?: Record<string, number>; header?: string; format?: 'yaml' | 'json' } = {}): string {
  const doc = parseDocument(original.text);
  const before = settingsOf(original);
  for (const key of editableThresholds) {
    const v = settings.thresholds[key];
    if (v === before.thresholds[key]) continue;
    if (v === undefined) doc.deleteIn(['thresholds', key]);
    else doc.setIn(['thresholds', key], v);
  }
  if (settings.suppressionLimit !== before.suppressionLimit) doc.setIn(['search', 'suppressionLimit'], settings.suppressionLimit);
  if (settings.suppressed !== before.suppressed) doc.setIn(['search', 'suppressed'], settings.suppressed);
  if (options.levels) {
    const node = doc.createNode(options.levels);
    node.flow = true;
    doc.set('levels', node);
  }
  if (options.format === 'json') return JSON.stringify(doc.toJS(), null, 2) + '\n';
  // yaml writes each comment line after a bare "#"
  if (options.header) doc.commentBefore = [` ${options.header}`, doc.commentBefore].filter(Boolean).join('\n');
  return doc.toString();
}

/**
 * The edited spec, validated as a spec file (throws SpecError, naming the spec path and the
 * rule, when an edit makes it invalid). `file` names it in messages (the original by default).
 */
export function editedSpec(original: LoadedSpec, settings: SettingsJson, levels?: Record<string, number>, file = original.file): LoadedSpec {
  return parseSpecText(specTextWith(original, settings, { levels }), file, original.baseDir);
}
