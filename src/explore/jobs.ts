/**
 * Long work started from the page (the search, a report, a released file), one at a time,
 * polled by the page for its progress. Errors become the one-line, PHI-free message the CLI
 * would print; an unexpected error's message (which may quote data) only with --show-values.
 */
import { EdraError } from '../errors.js';
import type { JobJson } from '../contracts/explore.js';
import { HttpError } from './http.js';

/** What a running job may report. */
export interface JobControl {
  stage(text: string): void;
  nodes(checked: number, total: number): void;
}

type JobResult = Pick<JobJson, 'search' | 'written' | 'verdict'>;

/** Runs one job at a time and keeps the last one's state. */
export class JobRunner {
  private job?: JobJson;
  private running?: Promise<void>;
  private counter = 0;

  constructor(private readonly showValues = false) {}

  /** True while a job runs. */
  get busy(): boolean {
    return this.job?.state === 'running';
  }

  /** The last job (running or finished), or null. */
  current(): JobJson | null {
    return this.job ? { ...this.job } : null;
  }

  /** Starts a job; HttpError 409 while another one runs. */
  start(kind: JobJson['kind'], run: (control: JobControl) => Promise<JobResult>): JobJson {
    if (this.busy) throw new HttpError(409, `a ${this.job!.kind} is running: wait for it to finish`);
    const job: JobJson = { id: ++this.counter, kind, state: 'running', stage: 'starting' };
    this.job = job;
    const control: JobControl = {
      stage: (text) => (job.stage = text),
      nodes: (checked, total) => {
        job.checked = checked;
        job.total = total;
        job.stage = `${checked} nodes checked of ${total}`;
      },
    };
    this.running = run(control).then(
      (result) => {
        Object.assign(job, result, { state: 'done', stage: 'done' });
      },
      (e: unknown) => {
        job.state = 'failed';
        job.stage = 'failed';
        job.error = this.message(e);
      },
    );
    return { ...job };
  }

  /** Resolves when no job runs. */
  async idle(): Promise<void> {
    await this.running;
  }

  private message(e: unknown): string {
    if (e instanceof EdraError || e instanceof HttpError) return e.message;
    const err = e instanceof Error ? e : new Error(String(e));
    return `internal error (${err.name})${this.showValues ? `: ${err.message}` : '; rerun with --show-values for the message'}`;
  }
}
