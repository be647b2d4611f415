/**
 * `edra diff <before> <after> [--json] [--out diff.json] [--html diff.html]`: what changed
 * between two analyses (results of analyze --out, or report twins), as text, JSON and a
 * self-contained HTML page (the report's "changes since the last determination" section).
 * Exit 0 whether or not they differ; 2 usage; 3 an input that is not a result.
 * Also the `--previous` hook of analyze and anonymize: the diff embedded in the new result.
 */
import type { Command } from 'commander';
import type { AnalysisResult } from '../contracts/analysis.js';
import { diffResults } from '../engine/diff.js';
import { readResultDocument } from '../report/readResult.js';
import { changesModel } from '../report/sections/changes.js';
import { loadReportTemplate } from '../report/templateDir.js';
import { version } from '../version.js';
import { formatDiff } from './diffSummary.js';
import type { CliIO } from './io.js';

/**
 * Reads the previous determination (a result or a report twin) now, so that a bad file fails
 * before any work, and returns what computes the changes of a new result since it.
 */
export function previousDetermination(previousFile: string): (result: AnalysisResult) => NonNullable<AnalysisResult['changes']> {
  const previous = readResultDocument(previousFile);
  return (result) => diffResults(previous.result, result, { before: previous.reportId });
}

/** Adds `edra diff`. */
export function registerDiffCommand(program: Command, io: CliIO, writeOutput: (file: string, text: string) => void): void {
  program
    .command('diff')
    .description('what changed between two analyses (results or report twins): data hash, spec, every threshold line, class sizes, risks, utility')
    .argument('<before>', 'the earlier result (edra analyze --out) or report twin')
    .argument('<after>', 'the later result or report twin')
    .option('--json', 'print the diff as JSON')
    .option('--out <file>', 'also write the JSON diff to a file (atomically)')
    .option('--html <file>', 'also write the diff as a self-contained HTML page (atomically)')
    .option('--template <dir>', 'report template directory for --html')
    .action((beforeFile: string, afterFile: string, opts: { json?: boolean; out?: string; html?: string; template?: string }) => {
      const template = opts.html ? loadReportTemplate(opts.template) : undefined;
      const before = readResultDocument(beforeFile);
      const after = readResultDocument(afterFile);
      const diff = diffResults(before.result, after.result, { before: before.reportId, after: after.reportId });
      const json = JSON.stringify(diff, null, 2) + '\n';
      if (opts.out) writeOutput(opts.out, json);
      if (template && opts.html) {
        const html = template.renderFile('diff.html', {
          meta: { title: after.result.name ?? after.result.spec, before: before.result.generatedAt, after: after.result.generatedAt, edraVersion: version },
          changes: changesModel(diff, template.labels),
        });
        writeOutput(opts.html, html);
      }
      io.stdout(opts.json ? json : formatDiff(diff));
    });
}
