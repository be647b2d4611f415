/**
 * Output paths are checked before any work: no output of a command may be one of its inputs
 * (the data, the spec, a hierarchy file, the population table, a report template file or the
 * result a report is rendered from), and no two outputs of one command may be the same file.
 * Two paths are the same file when they resolve to the same place (the real path of the
 * parent, symbolic links followed) or, for existing files, when they share a device and inode
 * (hard links). A report's JSON twin is written beside it under a name the user did not type,
 * so it never replaces an existing file edra did not write, unless --force.
 */
import { closeSync, existsSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { LoadedSpec } from '../config/loadSpec.js';
import { SpecError } from '../errors.js';
import { defaultTemplateDir } from '../report/templateDir.js';
import { reportTwinPath } from '../report/writeReport.js';
import { sweepStale } from '../data/tempFiles.js';

/** A file a command reads or writes, with how the user named it in messages. */
export interface NamedPath {
  file: string;
  /** e.g. "the data file", "--record-risk". */
  what: string;
  /** A report's JSON twin: written under a name the user did not type. */
  twin?: boolean;
}

/** Where a path leads: its resolved names and, when it exists, its device and inode. */
interface Identity {
  names: Set<string>;
  inode?: string;
}

function identityOf(file: string): Identity {
  const abs = path.resolve(file);
  const names = new Set<string>([abs]);
  try {
    names.add(path.join(realpathSync(path.dirname(abs)), path.basename(abs)));
  } catch {
    // The parent does not exist: the write fails later with a usage error.
  }
  let inode: string | undefined;
  try {
    names.add(realpathSync(abs));
    const st = statSync(abs);
    inode = `${st.dev}:${st.ino}`;
  } catch {
    // Not there yet (or a dangling link): its names are all there is.
  }
  return { names, inode };
}

function same(a: Identity, b: Identity): boolean {
  if (a.inode !== undefined && a.inode === b.inode) return true;
  for (const n of a.names) if (b.names.has(n)) return true;
  return false;
}

/** The input files a spec names (the spec itself, data, population table, hierarchy files). */
export function specInputs(loaded: LoadedSpec, specPath: string): NamedPath[] {
  const { spec, baseDir } = loaded;
  const at = (p: string) => path.resolve(baseDir, p);
  const out: NamedPath[] = [{ file: path.resolve(specPath), what: 'the spec' }];
  if (spec.dataset.engine === 'duckdb') out.push({ file: at(spec.dataset.path), what: 'the data file' });
  if (spec.population?.table) out.push({ file: at(spec.population.table.path), what: 'the population table' });
  for (const [name, h] of Object.entries(spec.hierarchies ?? {})) {
    if (h !== undefined && 'file' in h) out.push({ file: at(h.file), what: `the hierarchy file of ${name}` });
  }
  for (const [name, s] of Object.entries(spec.sensitive ?? {})) {
    if (s?.hierarchy !== undefined) out.push({ file: at(s.hierarchy), what: `the value hierarchy of ${name}` });
  }
  return out;
}

/** The files of the report templates a run reads: the default template and --template's. */
export function templateInputs(template: string | undefined): NamedPath[] {
  const dirs = [defaultTemplateDir, ...(template !== undefined ? [path.resolve(template)] : [])];
  const out: NamedPath[] = [];
  const walk = (dir: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // a missing --template is reported by the template loader
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && depth < 2) walk(p, depth + 1);
      else if (e.isFile()) out.push({ file: p, what: 'a report template file' });
    }
  };
  dirs.forEach((d) => walk(d, 0));
  return out;
}

/** An optional output as a list (empty when the option is not given). */
export function named(file: string | undefined, what: string): NamedPath[] {
  return file === undefined ? [] : [{ file, what }];
}

/** The outputs of --report: the HTML and its JSON twin. */
export function reportOutputs(report: string | undefined, option = '--report'): NamedPath[] {
  if (report === undefined) return [];
  return [
    { file: report, what: option },
    { file: reportTwinPath(report), what: `the JSON twin of ${option} ${report}`, twin: true },
  ];
}

/** True when the file starts like a report twin edra writes (`{ "format": "edra-report/N"`). */
function isEdraTwin(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(64);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return /^\{\s*"format":\s*"edra-report\/\d+"/.test(buf.subarray(0, n).toString('utf8'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export interface OutputCheck {
  inputs: readonly NamedPath[];
  outputs: readonly NamedPath[];
  /** --force: a report twin may replace a file edra did not write. */
  force?: boolean;
}

/**
 * Refuses, before any work, an output that is an input (SpecError [rule: cli.outputIsInput]),
 * two outputs that are the same file [rule: cli.outputTwice], an output that is a directory
 * [rule: cli.out], and a report twin that would replace a file edra did not write
 * [rule: cli.twinExists], unless `force`. Then sweeps the outputs' directories of the temporary
 * files that killed runs left (data/tempFiles.ts).
 */
export function checkOutputPaths(check: OutputCheck): void {
  const inputs = check.inputs.map((p) => ({ ...p, id: identityOf(p.file) }));
  const seen: (NamedPath & { id: Identity })[] = [];
  for (const out of check.outputs) {
    const id = identityOf(out.file);
    const input = inputs.find((i) => same(i.id, id));
    if (input) {
      throw new SpecError(`${out.what} ${out.file} is ${input.what} (${input.file}): edra never writes over its input; choose another name [rule: cli.outputIsInput]`, {
        file: out.file,
        rule: 'cli.outputIsInput',
      });
    }
    const twice = seen.find((s) => same(s.id, id));
    if (twice) {
      throw new SpecError(`${out.what} ${out.file} is the same file as ${twice.what} ${twice.file}: choose another name [rule: cli.outputTwice]`, {
        file: out.file,
        rule: 'cli.outputTwice',
      });
    }
    if (existsSync(out.file) && statSync(out.file).isDirectory()) {
      throw new SpecError(`cannot write ${out.file}: it is a directory [rule: cli.out]`, { file: out.file, rule: 'cli.out' });
    }
    if (out.twin && !check.force && existsSync(out.file) && !isEdraTwin(out.file)) {
      throw new SpecError(`${out.what} would replace ${out.file}, which edra did not write: choose another report name, or pass --force to overwrite it [rule: cli.twinExists]`, {
        file: out.file,
        rule: 'cli.twinExists',
      });
    }
    seen.push({ ...out, id });
  }
  // The leftovers of killed runs beside these outputs go now (see data/tempFiles.ts).
  for (const out of check.outputs) sweepStale(path.dirname(path.resolve(out.file)));
}
