// The local model of AWS's token bucket that the request scheduler (src/aws/scheduler.ts) sends
// through: tokens refilled continuously at the rate r up to the burst b (less a margin, see `cap`),
// and r learnt from the throttling answers. The scheduler queues the calls in front of it.
//
// Rate adaptation: the rate starts at AWS's documented 2/s. After `probeAfterMs` of sending as
// fast as the bucket allows without a throttle, it probes a step higher (× 2 at first); a probe
// that holds long enough to have emptied a burst at the old rate becomes the new good rate and
// the next step is probed at once (accounts with a raised quota get their speed in seconds); a
// probe that is throttled returns to the last good rate, halves the step (× 1.5, × 1.25, …) and
// the next probe waits twice as long. At the true rate a listing sees no throttling, and a failed
// probe costs one re-queued call. A throttle outside a probe (another client draining the
// bucket, or a lowered quota) lowers the rate by 30 %, once per round of calls, down to `minRate`,
// and doubles the wait before the next probe.
// Each minute without any throttle takes back part of such a cut (× 1.25, up to the documented
// rate; there, probes as at first).

/** What the scheduler logs (rate changes, probes, account sharing). */
export interface SchedulerLogger {
  debug(message: string): void;
  warn(message: string): void;
}

export interface SchedulerTuning {
  /** Calls per second to start with. Default 2 (AWS's documented quota). */
  rate: number;
  /** Bucket size. Default 5 (AWS's documented burst). */
  burst: number;
  /** Calls sent and not answered yet, at most. Default 8. */
  maxInFlight: number;
  /** Learn the rate from throttling (probe up, back off). Default true. */
  adaptive: boolean;
  /** Sending at the bucket's pace this long without a throttle before the first probe upward. */
  probeAfterMs: number;
  /** Upper bound of the wait before a probe (it doubles after each failed probe). */
  maxProbeAfterMs: number;
  /** The rate never goes below this after throttles. Default 0.5/s: a quarter of the documented
   *  quota (at 1/s a neighbour calling once a second would have no token left). */
  minRate: number;
  /** The rate never goes above this. */
  maxRate: number;
  /** A class waiting this long without a token gets the next one. */
  starveMs: number;
  /** After this long without any throttle, a rate cut below `rate` is undone (the contention that
   *  caused it is over, or was a passing fault); the rate returns to the documented `rate`. */
  recoverAfterMs: number;
}

const DEFAULT_TUNING: Readonly<SchedulerTuning> = {
  rate: 2,
  burst: 5,
  maxInFlight: 8,
  adaptive: true,
  probeAfterMs: 20_000,
  maxProbeAfterMs: 300_000,
  minRate: 0.5,
  maxRate: 100,
  starveMs: 5_000,
  recoverAfterMs: 60_000,
};

interface Probe {
  from: number;
  startedAt: number;
  /** Saturated time at the probe rate so far, and how much confirms it. */
  saturatedMs: number;
  confirmMs: number;
}

export const now = (): number => performance.now();

/** A rate cut by throttling comes back by this factor per calm `recoverAfterMs`. */
const RECOVER_STEP = 1.25;

export const round = (x: number): number => Math.round(x * 100) / 100;

/** AWS's bucket as this side sees it, and its rate as learnt; Scheduler (scheduler.ts) extends it. */
export abstract class AdaptiveBucket {
  readonly tuning: SchedulerTuning;
  protected rate: number;
  protected goodRate: number;
  protected tokens: number;
  protected lastRefill = now();
  protected throttledCalls = 0;
  // Rate adaptation.
  protected probeAfterMs: number;
  private saturatedMs = 0;
  protected tokenBound = false;
  private lastPump = now();
  protected probe: Probe | undefined;
  /** Factor of the next probe; halves its excess after each failed probe (2, 1.5, 1.25, …). */
  protected step = 2;
  private lastCutAt = -Infinity;
  private lastThrottleAt = -Infinity;
  private lastRecoverAt = -Infinity;

  constructor(
    readonly name: string,
    tuning: Partial<SchedulerTuning> = {},
    private readonly logger?: SchedulerLogger,
  ) {
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
    this.rate = Math.max(0.05, this.tuning.rate);
    this.goodRate = this.rate;
    this.tokens = this.cap();
    this.probeAfterMs = this.tuning.probeAfterMs;
  }

  /**
   * The local bucket holds less than AWS's: calls reach AWS later than they leave here, and not
   * always in the same rhythm (a connection set up, credentials resolved, a busy event loop); a
   * bucket at the same size would let a burst through that arrives bunched with the next calls and
   * AWS would refuse the last one. A margin of 0.25 s of tokens (at least one) absorbs that.
   */
  protected cap(): number {
    const burst = this.tuning.burst;
    return Math.max(1, burst - Math.min(burst - 1, Math.max(1, Math.ceil(this.rate * 0.25))));
  }

  protected refill(t: number): void {
    this.tokens = Math.min(this.cap(), this.tokens + ((t - this.lastRefill) / 1000) * this.rate);
    this.lastRefill = t;
  }

  // ---- rate adaptation -------------------------------------------------------------------------

  /** Counts time spent sending as fast as the bucket allows (evidence for a higher rate). */
  protected account(t: number): void {
    const dt = t - this.lastPump;
    this.lastPump = t;
    const calm = t - Math.max(this.lastThrottleAt, this.lastRecoverAt);
    if (this.tuning.adaptive && this.rate < this.tuning.rate && calm >= this.tuning.recoverAfterMs) {
      // Step by step (× 1.25 a period), not at once: the client that caused the cut may still be
      // there, and a jump back to the whole quota would take its calls' tokens again (the
      // neighbour scenario of the benchmark: another script of the account refused).
      this.rate = this.goodRate = Math.min(this.tuning.rate, this.rate * RECOVER_STEP);
      this.lastRecoverAt = t;
      this.logger?.debug(
        `${this.name}: no throttling for ${Math.round(calm / 1000)} s: up to ${round(this.rate)} calls/s`,
      );
      if (this.rate >= this.tuning.rate) {
        this.probeAfterMs = this.tuning.probeAfterMs;
        this.step = 2;
      }
      this.saturatedMs = 0;
    }
    if (!this.tuning.adaptive || !this.tokenBound) return;
    this.saturatedMs += dt;
    if (this.probe) {
      this.probe.saturatedMs += dt;
      if (this.probe.saturatedMs >= this.probe.confirmMs) {
        this.goodRate = this.rate;
        this.probeAfterMs = this.tuning.probeAfterMs;
        this.logger?.debug(`${this.name}: ${round(this.rate)} calls/s hold without throttling`);
        this.probe = undefined;
        this.startProbe(t);
      }
    } else if (this.saturatedMs >= this.probeAfterMs) {
      this.startProbe(t);
    }
  }

  private startProbe(t: number): void {
    const from = this.rate;
    const to = Math.min(this.tuning.maxRate, from * this.step);
    if (to <= from) return;
    // A quota no higher than `from` empties a full burst in burst / (to − from) s at the probe rate;
    // holding 1.5 × that long (at least 2 s) without a throttle shows the quota allows `to`.
    const confirmMs = Math.max(2000, ((1.5 * this.tuning.burst) / (to - from)) * 1000);
    this.probe = { from, startedAt: t, saturatedMs: 0, confirmMs };
    this.rate = to;
    this.logger?.debug(`${this.name}: trying ${round(to)} calls/s (from ${round(from)})`);
  }

  protected onThrottled(op: string, sentAt: number): void {
    const t = now();
    this.throttledCalls++;
    this.lastThrottleAt = t;
    this.refill(t);
    this.tokens = Math.min(this.tokens, 0); // AWS's bucket is empty (ours may be in debt already)
    this.saturatedMs = 0;
    if (!this.tuning.adaptive || sentAt < this.lastCutAt) return; // sent before the last change
    this.lastCutAt = t;
    if (this.probe && sentAt >= this.probe.startedAt) {
      const tried = this.rate;
      this.rate = this.goodRate;
      this.probe = undefined;
      this.probeAfterMs = Math.min(this.tuning.maxProbeAfterMs, this.probeAfterMs * 2);
      this.step = Math.max(1.1, 1 + (this.step - 1) / 2);
      this.logger?.debug(
        `${this.name}: ${round(tried)} calls/s is throttled (${op}); back to ${round(this.rate)}/s, next try in ${Math.round(this.probeAfterMs / 1000)} s of full use`,
      );
      return;
    }
    this.probe = undefined;
    const before = this.rate;
    this.rate = Math.max(this.tuning.minRate, Math.min(this.rate, this.goodRate) * 0.7);
    this.goodRate = this.rate;
    // The quota is tighter than thought: probe again later, not soon.
    this.probeAfterMs = Math.min(this.tuning.maxProbeAfterMs, this.probeAfterMs * 2);
    if (this.rate < before) {
      this.logger?.warn(
        `${this.name}: throttled at ${round(before)} calls/s (${op}): another client may share this account's quota, or it was lowered; slowing to ${round(this.rate)}/s`,
      );
    }
  }
}
