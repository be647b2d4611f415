/**
 * `edra verify <report.html> [--data file ...] [--spec spec.yaml ...] [--on YYYY-MM-DD] [--json]`:
 * checks a kept determination report (src/report/verify.ts). Exit codes, most serious first:
 *   5 tampered      the body does not match its digest or its id (or its twin's)
 *   6 data changed  a --data file's SHA-256 is none the report states (data or released file),
 *                   or a --spec's data (its file, or its ClickHouse table's fingerprint) is not
 *                   the data the report measured
 *   7 expired       the day (today, or --on) is past the re-evaluation date
 *   0 intact        none of these; 2 usage; 3 the report cannot be read.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DataError, ExitCode, SpecError } from '../errors.js';
import { sha256File } from '../data/fileHash.js';
import { loadSpec } from '../config/loadSpec.js';
import { datasetDigest } from '../engine/input.js';
import { checkIntegrity, isExpired, reportFacts } from '../report/verify.js';
import { reportTwinPath } from '../report/writeReport.js';

export interface VerifyContext {
  stdout: (text: string) => void;
  setExitCode: (code: number) => void;
}

/** What verify found (its --json). */
export interface VerifyJson {
  report: string;
  reportId: string | null;
  integrity: { intact: boolean; bodySha256: string | null; problems: string[]; twin: string | null };
  /** Each --data file, then each --spec's data (file: its display name or clickhouse://...). */
  data: { file: string; sha256: string; matches: 'data' | 'released' | 'input' | null }[];
  validity: { until: string | null; on: string; expired: boolean };
  status: 'intact' | 'tampered' | 'dataChanged' | 'expired';
  exitCode: number;
}

function day(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(new Date(`${value}T00:00:00Z`).getTime())) {
    throw new SpecError(`--on ${value}: expected a date YYYY-MM-DD [rule: cli.date]`, { rule: 'cli.date' });
  }
  return value;
}

/** Runs the checks on a report file. */
export async function verifyReport(file: string, dataFiles: readonly string[], on: string, specs: readonly string[] = []): Promise<VerifyJson> {
  let html: string;
  try {
    html = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DataError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')} [rule: verify.input]`, { file, rule: 'verify.input' });
  }
  const twinPath = reportTwinPath(file);
  const twin = twinPath !== file && existsSync(twinPath) ? readFileSync(twinPath, 'utf8') : undefined;
  const integrity = checkIntegrity(html, twin);
  const facts = reportFacts(html);
  const data: VerifyJson['data'] = [];
  for (const f of dataFiles) {
    if (!existsSync(f)) throw new DataError(`--data ${f}: no such file [rule: verify.data]`, { file: f, rule: 'verify.data' });
    const sha = await sha256File(f);
    const matches = sha === facts['data-sha256'] ? 'data' : sha === facts['released-sha256'] ? 'released' : sha === facts['input-sha256'] ? 'input' : null;
    data.push({ file: f, sha256: sha, matches });
  }
  for (const specFile of specs) {
    // The spec's data, as analyze reads it: a file's SHA-256, or a remote table's fingerprint
    // (computed by the server: no record comes here): the data measured, or the input of a
    // released file's report.
    const { display, sha256 } = await datasetDigest(loadSpec(specFile));
    data.push({ file: display, sha256, matches: sha256 === facts['data-sha256'] ? 'data' : sha256 === facts['input-sha256'] ? 'input' : null });
  }
  const until = facts['reevaluation-date'] ?? null;
  const expired = until !== null && isExpired(until, on);
  const status: VerifyJson['status'] = !integrity.intact ? 'tampered' : data.some((d) => d.matches === null) ? 'dataChanged' : expired ? 'expired' : 'intact';
  const exitCode = { intact: ExitCode.pass, tampered: ExitCode.tampered, dataChanged: ExitCode.dataChanged, expired: ExitCode.expired }[status];
  return {
    report: file,
    reportId: integrity.shownId,
    integrity: { intact: integrity.intact, bodySha256: integrity.digest, problems: integrity.problems, twin: twin !== undefined ? twinPath : null },
    data,
    validity: { until, on, expired },
    status,
    exitCode,
  };
}

/** The text of a verification. */
export function formatVerify(v: VerifyJson): string {
  const out: string[] = [];
  out.push(`report       ${v.report} (${v.reportId ?? 'no id'})`);
  out.push(
    v.integrity.intact
      ? `integrity    intact: the body's SHA-256 ${v.integrity.bodySha256} matches its digest and its id${v.integrity.twin ? `, and the twin ${v.integrity.twin}` : ''}`
      : `integrity    TAMPERED: ${v.integrity.problems.join('; ')}`,
  );
  const which = { data: 'the data file the report measures', released: 'the released file', input: 'the input the released file was made from' } as const;
  for (const d of v.data) {
    // A remote table (clickhouse://...) is compared by its fingerprint digest, a file by its SHA-256.
    const table = d.file.startsWith('clickhouse://');
    const digest = table ? 'fingerprint' : 'SHA-256';
    out.push(
      d.matches
        ? `data         ${d.file}: same ${digest} as ${table && d.matches === 'data' ? 'the table the report measures' : which[d.matches]}`
        : `data         CHANGED: ${d.file} has ${digest} ${d.sha256}, which the report does not state`,
    );
  }
  out.push(
    v.validity.until === null
      ? 'validity     the report states no re-evaluation date'
      : v.validity.expired
        ? `validity     EXPIRED: re-evaluation was due by ${v.validity.until} (checked on ${v.validity.on})`
        : `validity     valid until ${v.validity.until} (checked on ${v.validity.on})`,
  );
  out.push(`status       ${v.status} (exit ${v.exitCode})`);
  return out.join('\n') + '\n';
}

/** Adds `edra verify`. */
export function registerVerifyCommand(program: Command, ctx: VerifyContext): void {
  program
    .command('verify')
    .description("check a determination report: its body against its digest and id, the data's SHA-256, the re-evaluation date (exit 0 intact, 5 tampered, 6 data changed, 7 expired)")
    .argument('<report>', 'the report (HTML) written by --report or edra report')
    .option('--data <file>', 'a data file to compare with the SHA-256 the report states (the data, the released file or its input); repeat for several', (v: string, prev: string[] = []) => [...prev, v])
    .option('--spec <spec>', "the spec's data (a file, or a ClickHouse table by its fingerprint) to compare with the data the report measured; repeat for several", (v: string, prev: string[] = []) => [...prev, v])
    .option('--on <date>', 'check the re-evaluation date against this day (YYYY-MM-DD; default today, UTC)')
    .option('--json', 'print the checks as JSON')
    .action(async (file: string, opts: { data?: string[]; spec?: string[]; on?: string; json?: boolean }) => {
      const v = await verifyReport(file, opts.data ?? [], opts.on ? day(opts.on) : new Date().toISOString().slice(0, 10), opts.spec ?? []);
      ctx.stdout(opts.json ? JSON.stringify(v, null, 2) + '\n' : formatVerify(v));
      ctx.setExitCode(v.exitCode);
    });
}
