/**
 * When to stop: the page of each open tab beats every few seconds and says goodbye when it is
 * closed (a keepalive request on pagehide). When the last tab has gone, and stays gone for a
 * short grace period (a reload comes back within it), the explorer shuts down; a tab that
 * stops beating (the browser was killed) is dropped after the heartbeat timeout, which is
 * longer than the minute a browser may throttle a background tab's timers to.
 */

export interface TabWatchOptions {
  /** A tab that has not beaten for this long is gone (default 90 s). */
  heartbeatTimeoutMs?: number;
  /** How long the explorer waits for a tab after the last one went (default 3 s). */
  graceMs?: number;
  /** How often tabs are checked (default 1 s). */
  sweepMs?: number;
}

/** At most this many tabs are tracked (beats from more are ignored). */
const MAX_TABS = 64;

/** Tracks the open tabs; calls `onLastTabGone` once when the last one has gone. */
export class TabWatch {
  private readonly seen = new Map<string, number>();
  private everSeen = false;
  private emptySince: number | undefined;
  private fired = false;
  private readonly timer: NodeJS.Timeout;
  private readonly timeout: number;
  private readonly grace: number;

  /**
   * @param busy while it returns true (a report or a release being written) the explorer
   *   does not stop
   */
  constructor(
    options: TabWatchOptions,
    private readonly onLastTabGone: () => void,
    private readonly busy: () => boolean = () => false,
  ) {
    this.timeout = options.heartbeatTimeoutMs ?? 90_000;
    this.grace = options.graceMs ?? 3_000;
    this.timer = setInterval(() => this.sweep(), options.sweepMs ?? 1_000);
    this.timer.unref();
  }

  /** Open tabs. */
  get tabs(): number {
    return this.seen.size;
  }

  /** A beat from a tab (its first beat opens it). */
  beat(tab: string): void {
    if (!this.seen.has(tab) && this.seen.size >= MAX_TABS) return;
    this.seen.set(tab, Date.now());
    this.everSeen = true;
    this.emptySince = undefined;
  }

  /** A tab says goodbye. */
  bye(tab: string): void {
    this.seen.delete(tab);
    this.sweep();
  }

  /** Stops watching. */
  stop(): void {
    clearInterval(this.timer);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [tab, at] of this.seen) if (now - at > this.timeout) this.seen.delete(tab);
    if (!this.everSeen || this.seen.size > 0 || this.fired) return;
    this.emptySince ??= now;
    if (now - this.emptySince >= this.grace && !this.busy()) {
      this.fired = true;
      this.stop();
      this.onLastTabGone();
    }
  }
}
