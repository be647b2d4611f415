/**
 * The report template: a directory with `report.html` (the layout), `style.css`, one file per
 * section under `sections/`, and `labels.json` (the names of measures, models, roles...).
 * A custom directory (`--template <dir>`) needs only the files it changes: any file it lacks,
 * and any label it does not define, comes from the default template (report-templates/default).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SpecError } from '../errors.js';
import { parseTemplate, renderTemplate, type PartialLoader } from './template.js';

/** The default template directory (report-templates/default beside src/ and dist/). */
export const defaultTemplateDir: string = fileURLToPath(new URL('../../report-templates/default', import.meta.url));

/** Label lookup: the wording of names (roles, models, measures), `{name}` placeholders filled. */
export interface Labels {
  /** The label of `key`; throws when neither the template nor the default defines it. */
  get(key: string, vars?: Readonly<Record<string, string>>): string;
  /** The label of `key` when defined, else `fallback`. */
  getOr(key: string, fallback: string, vars?: Readonly<Record<string, string>>): string;
}

/** A loaded template. */
export interface ReportTemplate {
  /** 'default', or the custom directory's name. */
  name: string;
  labels: Labels;
  /** Renders `report.html` against a model. */
  render(model: object): string;
  /** Renders another page of the template (e.g. `diff.html`) against a model. */
  renderFile(name: string, model: object): string;
}

/**
 * Loads a template directory (the default one when `dir` is undefined).
 * Throws SpecError [rule: cli.template] when the directory does not exist,
 * [rule: template.labels] when its labels.json is not an object of strings.
 */
export function loadReportTemplate(dir?: string): ReportTemplate {
  const custom = dir === undefined ? undefined : path.resolve(dir);
  if (custom !== undefined && !(existsSync(custom) && statSync(custom).isDirectory())) {
    throw new SpecError(`template directory ${dir} does not exist [rule: cli.template]`, { file: dir, rule: 'cli.template' });
  }
  const read: PartialLoader = (name) => {
    for (const base of custom ? [custom, defaultTemplateDir] : [defaultTemplateDir]) {
      const file = path.join(base, name);
      if (existsSync(file)) return { text: readFileSync(file, 'utf8'), file: base === defaultTemplateDir ? `report-templates/default/${name}` : file };
    }
    throw new SpecError(`template file ${name} is in neither ${dir ?? 'the default template'} nor the default template [rule: template.missing]`, {
      file: name,
      rule: 'template.missing',
    });
  };
  const labels = { ...readLabels(path.join(defaultTemplateDir, 'labels.json')), ...(custom ? readLabels(path.join(custom, 'labels.json'), true) : {}) };
  const layout = read('report.html');
  const parsed = parseTemplate(layout.text, layout.file);
  return {
    name: custom ? path.basename(custom) : 'default',
    labels: labelsOf(labels),
    render: (model) => renderTemplate(parsed, model, read),
    renderFile: (name, model) => {
      const file = read(name);
      return renderTemplate(parseTemplate(file.text, file.file), model, read);
    },
  };
}

function readLabels(file: string, optional = false): Record<string, string> {
  if (optional && !existsSync(file)) return {};
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new SpecError(`${file}: labels are not valid JSON (${(e as Error).name}) [rule: template.labels]`, { file, rule: 'template.labels' });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || Object.values(doc).some((v) => typeof v !== 'string')) {
    throw new SpecError(`${file}: labels must be one JSON object of strings [rule: template.labels]`, { file, rule: 'template.labels' });
  }
  return doc as Record<string, string>;
}

function fill(text: string, vars?: Readonly<Record<string, string>>): string {
  return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m) : text;
}

function labelsOf(map: Readonly<Record<string, string>>): Labels {
  return {
    get(key, vars) {
      const text = Object.hasOwn(map, key) ? map[key] : undefined;
      if (text === undefined) throw new Error(`report label "${key}" is not defined in the default template`);
      return fill(text, vars);
    },
    getOr(key, fallback, vars) {
      return fill(Object.hasOwn(map, key) ? map[key] : fallback, vars);
    },
  };
}
