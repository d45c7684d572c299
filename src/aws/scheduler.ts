// The quota-aware request scheduler: every WorkSpaces call of the AWS layer waits here for its turn.
//
// AWS documents one quota for the whole WorkSpaces API: "calls are allowed at a constant rate of
// two calls per second, with a maximum burst of five", per account and region, shared by every
// operation (admin guide, "API throttling"; shared/notes/workspaces-api.md). Whether the bucket is
// per account or per IAM principal is not documented beyond "per account": the layer shares one
// scheduler per account and region once it knows the account (AwsLayer.bindAccount), and one per
// profile and region until then.
//
// One Scheduler is a local model of that bucket (rate r, burst b, refilled continuously) plus:
// - priorities: 'action' (a person's actions and their follow-up reads), 'interactive' (what the
//   person is looking at), 'background' (listings, status of collapsed groups, sections not
//   expanded). The highest class with a call waiting gets the next token; background calls leave
//   one token in the bucket and interactive calls one in-flight slot, so an action finds a token
//   and a slot at once whenever the bucket has one: it waits at most for the next token, never
//   behind queued reads.
// - no starvation: a class whose oldest call has waited `starveMs` and that got no token for as
//   long is served next (one call), then strict priority resumes.
// - throttling: a throttled call is re-queued at the front of its class (it was refused before
//   it was processed), never given up; the local bucket is emptied (AWS's is).
// - rate adaptation: the rate starts at AWS's documented 2/s. After `probeAfterMs` of sending as
//   fast as the bucket allows without a throttle, it probes a step higher (× 2 at first); a probe
//   that holds long enough to have emptied a burst at the old rate becomes the new good rate and
//   the next step is probed at once (accounts with a raised quota get their speed in seconds); a
//   probe that is throttled returns to the last good rate, halves the step (× 1.5, × 1.25, …) and
//   the next probe waits twice as long. At the true rate a listing sees no throttling, and a failed
//   probe costs one re-queued call. A throttle outside a probe (another client draining the
//   bucket, or a lowered quota) lowers the rate by 30 %, once per round of calls, down to `minRate`,
//   and doubles the wait before the next probe.
//   A minute without any throttle undoes such a cut (back to the documented rate, probes as at first).
// - an in-flight cap per bucket (calls sent and not answered yet).
// - cancellation: a call whose AbortSignal fires while it waits leaves the queue at once with a
//   'cancelled' AwsError and is never sent.
// Hand-written: no library the extension may ship provides a priority token bucket that learns the
// rate from throttling answers (the SDK's adaptive retry mode has a client-side rate limiter, but
// per client, without priorities, and it slows down only after being throttled).
import { AwsError, isAwsError } from '../core/errors';

export type Priority = 'action' | 'interactive' | 'background';
export const PRIORITIES: readonly Priority[] = ['action', 'interactive', 'background'];
const RANK: Readonly<Record<Priority, number>> = { action: 0, interactive: 1, background: 2 };

/** What the scheduler logs (rate changes, probes, account sharing). */
export interface SchedulerLogger {
  debug(message: string): void;
  warn(message: string): void;
}

/**
 * A priority that can be raised while its calls wait (e.g. a page's status call whose rows just
 * scrolled into view). Give the same ref to several calls to raise them together.
 */
export class PriorityRef {
  private readonly listeners = new Set<() => void>();
  constructor(private current: Priority) {}

  get value(): Priority {
    return this.current;
  }

  /** Raises the priority (never lowers it); waiting calls move to their new class at once. */
  raise(p: Priority): void {
    if (RANK[p] >= RANK[this.current]) return;
    this.current = p;
    for (const l of [...this.listeners]) l();
  }

  /** @internal The scheduler listens while a call waits. */
  watch(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Handed to a call while it runs: an SDK retry attempt of it takes a token through `retryToken`. */
export interface Ticket {
  /** Waits for a token for another attempt of this call (front of its class, no new slot). */
  retryToken(): Promise<void>;
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
  /** The rate never goes below this after throttles. Default 1/s: half the documented quota. */
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
  minRate: 1,
  maxRate: 100,
  starveMs: 5_000,
  recoverAfterMs: 60_000,
};

export interface SchedulerStats {
  /** What this scheduler paces (e.g. "account 111111111111 us-east-1"). */
  name: string;
  /** Current rate (the estimate of the quota), calls per second. */
  rate: number;
  /** The highest rate that held without throttling. */
  goodRate: number;
  burst: number;
  /** True while a higher rate is being tried. */
  probing: boolean;
  /** Tokens in the local bucket now. */
  tokens: number;
  queued: Record<Priority, number>;
  inFlight: number;
  /** Tokens handed out (calls and SDK retry attempts sent). */
  calls: number;
  /** Calls answered with a throttling error (each was re-queued). */
  throttled: number;
  /** Time to send everything queued at the current rate, ms. */
  drainMs: number;
}

interface Entry {
  owner: Scheduler;
  op: string;
  priority: Priority;
  /** Needs an in-flight slot (a call); false for an SDK retry attempt of a call in flight. */
  slot: boolean;
  queuedAt: number;
  grant(by: Scheduler): void;
  fail(e: Error): void;
  cleanup(): void;
}

interface Turn {
  entry: Entry;
  /** Its class waited `starveMs` without a token: it goes before higher classes, reserve or not. */
  starved: boolean;
}

interface Probe {
  from: number;
  startedAt: number;
  /** Saturated time at the probe rate so far, and how much confirms it. */
  saturatedMs: number;
  confirmMs: number;
}

const now = (): number => performance.now();

function cancelled(operation: string): AwsError {
  return new AwsError({ kind: 'cancelled', code: 'Cancelled', message: 'The request was cancelled.', operation });
}

function isThrottled(e: unknown): boolean {
  return isAwsError(e) && e.kind === 'throttled';
}

const round = (x: number): number => Math.round(x * 100) / 100;

export class Scheduler {
  readonly tuning: SchedulerTuning;
  private rate: number;
  private goodRate: number;
  private tokens: number;
  private lastRefill = now();
  private readonly queues: Record<Priority, Entry[]> = { action: [], interactive: [], background: [] };
  private readonly lastGrant: Record<Priority, number> = { action: now(), interactive: now(), background: now() };
  private inFlight = 0;
  private calls = 0;
  private throttledCalls = 0;
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;
  /** Set once this scheduler's queue moved to another one (account binding). */
  private forward: Scheduler | undefined;
  // Rate adaptation.
  private probeAfterMs: number;
  private saturatedMs = 0;
  private tokenBound = false;
  private lastPump = now();
  private probe: Probe | undefined;
  /** Factor of the next probe; halves its excess after each failed probe (2, 1.5, 1.25, …). */
  private step = 2;
  private lastCutAt = -Infinity;
  private lastThrottleAt = -Infinity;

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
   * Runs `fn` when this call's turn comes: a token, an in-flight slot, and no call of a higher
   * class waiting. A throttled call (fn threw an AwsError of kind 'throttled') waits again at the
   * front of its class; any other error is thrown. The signal drops the call while it waits.
   */
  async run<T>(
    priority: Priority | PriorityRef,
    signal: AbortSignal | undefined,
    op: string,
    fn: (ticket: Ticket) => Promise<T>,
  ): Promise<T> {
    let again = false;
    for (;;) {
      const by = await this.target().acquire(priority, signal, op, true, again);
      const sentAt = now();
      const ticket: Ticket = {
        retryToken: () =>
          by
            .target()
            .acquire(priority, signal, op, false, true)
            .then(() => {}),
      };
      try {
        const value = await fn(ticket);
        return value;
      } catch (e) {
        if (isThrottled(e) && !signal?.aborted && !by.disposed) {
          by.onThrottled(op, sentAt);
          again = true;
          continue;
        }
        throw e;
      } finally {
        by.release();
      }
    }
  }

  stats(): SchedulerStats {
    const t = this.target();
    if (t !== this) return t.stats();
    this.refill(now());
    const queued = {
      action: this.queues.action.length,
      interactive: this.queues.interactive.length,
      background: this.queues.background.length,
    };
    const waiting = queued.action + queued.interactive + queued.background;
    return {
      name: this.name,
      rate: round(this.rate),
      goodRate: round(this.goodRate),
      burst: this.tuning.burst,
      probing: this.probe !== undefined,
      tokens: round(this.tokens),
      queued,
      inFlight: this.inFlight,
      calls: this.calls,
      throttled: this.throttledCalls,
      drainMs: Math.round((Math.max(0, waiting - this.tokens) / this.rate) * 1000),
    };
  }

  /**
   * Moves every waiting call to `to` and forwards future calls there (a scope whose account became
   * known joins the account's scheduler). With `adopt`, `to` (new) takes over this bucket's state.
   */
  moveTo(to: Scheduler, adopt: boolean): void {
    if (to === this || this.forward) return;
    this.refill(now());
    if (!adopt) {
      // `to` already paces this account: what this bucket spent lately is gone from AWS's too.
      to.refill(now());
      to.tokens -= Math.max(0, this.cap() - this.tokens);
    } else {
      to.rate = this.rate;
      to.goodRate = this.goodRate;
      to.tokens = this.tokens;
      to.lastRefill = this.lastRefill;
      to.probeAfterMs = this.probeAfterMs;
      to.step = this.step;
      to.calls += this.calls;
      to.throttledCalls += this.throttledCalls;
    }
    for (const p of PRIORITIES) {
      for (const e of this.queues[p]) {
        e.owner = to;
        to.queues[p].push(e);
      }
      this.queues[p] = [];
    }
    this.forward = to;
    this.clearTimer();
    to.pump();
  }

  /** Drops every waiting call (cancelled) and stops. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clearTimer();
    for (const p of PRIORITIES) {
      const q = this.queues[p];
      this.queues[p] = [];
      for (const e of q) e.fail(cancelled(e.op));
    }
  }

  // ---- queue -----------------------------------------------------------------------------------

  private target(): Scheduler {
    return this.forward ? this.forward.target() : this;
  }

  /** Resolves with the scheduler that granted the token (the call's slot is released there). */
  private acquire(
    priority: Priority | PriorityRef,
    signal: AbortSignal | undefined,
    op: string,
    slot: boolean,
    front: boolean,
  ): Promise<Scheduler> {
    if (signal?.aborted || this.disposed) return Promise.reject(cancelled(op));
    return new Promise<Scheduler>((resolve, reject) => {
      const ref = typeof priority === 'string' ? undefined : priority;
      let unwatch: (() => void) | undefined;
      const onAbort = (): void => {
        entry.owner.remove(entry);
        entry.fail(cancelled(op));
      };
      const entry: Entry = {
        owner: this,
        op,
        priority: ref ? ref.value : (priority as Priority),
        slot,
        queuedAt: now(),
        cleanup: () => {
          signal?.removeEventListener('abort', onAbort);
          unwatch?.();
        },
        grant: (by) => {
          entry.cleanup();
          resolve(by);
        },
        fail: (e) => {
          entry.cleanup();
          reject(e);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      if (ref) unwatch = ref.watch(() => entry.owner.promote(entry, ref.value));
      if (front) this.queues[entry.priority].unshift(entry);
      else this.queues[entry.priority].push(entry);
      this.pump();
    });
  }

  private remove(e: Entry): void {
    const q = this.queues[e.priority];
    const i = q.indexOf(e);
    if (i >= 0) q.splice(i, 1);
  }

  private promote(e: Entry, p: Priority): void {
    const q = this.queues[e.priority];
    const i = q.indexOf(e);
    if (i < 0 || RANK[p] >= RANK[e.priority]) return;
    q.splice(i, 1);
    e.priority = p;
    this.queues[p].push(e);
    this.pump();
  }

  private release(): void {
    this.inFlight--;
    this.target().pump();
  }

  // ---- the bucket ------------------------------------------------------------------------------

  /**
   * The local bucket holds less than AWS's: calls reach AWS later than they leave here, and not
   * always in the same rhythm (a connection set up, credentials resolved, a busy event loop); a
   * bucket at the same size would let a burst through that arrives bunched with the next calls and
   * AWS would refuse the last one. A margin of 0.25 s of tokens (at least one) absorbs that.
   */
  private cap(): number {
    const burst = this.tuning.burst;
    return Math.max(1, burst - Math.min(burst - 1, Math.max(1, Math.ceil(this.rate * 0.25))));
  }

  private refill(t: number): void {
    this.tokens = Math.min(this.cap(), this.tokens + ((t - this.lastRefill) / 1000) * this.rate);
    this.lastRefill = t;
  }

  /** Tokens a call of this class must leave in the bucket: background calls keep one for an action. */
  private reserve(p: Priority): number {
    return p === 'background' ? Math.min(1, this.cap() - 1) : 0;
  }

  /** In-flight slots a class may use: the last one is an action's, the one before an interactive call's. */
  private slots(p: Priority): number {
    const max = this.tuning.maxInFlight;
    return Math.max(1, max - (p === 'background' ? 2 : p === 'interactive' ? 1 : 0));
  }

  /** Tokens the call whose turn it is needs in the bucket (a starved one takes the reserve too). */
  private needs(turn: Turn): number {
    return 1 + (turn.starved ? 0 : this.reserve(turn.entry.priority));
  }

  private canGo(turn: Turn): boolean {
    if (this.tokens < this.needs(turn)) return false;
    return !turn.entry.slot || this.inFlight < this.slots(turn.entry.priority);
  }

  /** Whose turn it is: a lower class starved for `starveMs` (one call), else the highest class. */
  private turn(t: number): Turn | undefined {
    for (const p of ['background', 'interactive'] as const) {
      const head = this.queues[p][0];
      if (head && t - head.queuedAt >= this.tuning.starveMs && t - this.lastGrant[p] >= this.tuning.starveMs) {
        return { entry: head, starved: true };
      }
    }
    for (const p of PRIORITIES) {
      const head = this.queues[p][0];
      if (head) return { entry: head, starved: false };
    }
    return undefined;
  }

  private pump(): void {
    if (this.disposed || this.forward) return;
    const t = now();
    this.refill(t);
    this.account(t);
    let turn: Turn | undefined;
    for (;;) {
      turn = this.turn(t);
      if (!turn || !this.canGo(turn)) break;
      const e = turn.entry;
      this.remove(e);
      this.tokens -= 1;
      if (e.slot) this.inFlight++;
      this.calls++;
      this.lastGrant[e.priority] = t;
      e.grant(this);
    }
    this.arm(turn);
  }

  /** Waits for the tokens the call whose turn it is needs (a call waiting for a slot waits for a
   *  release instead). */
  private arm(turn: Turn | undefined): void {
    this.tokenBound = false;
    if (!turn) return;
    const need = this.needs(turn) - this.tokens;
    if (need <= 0) return; // waiting for a slot: release() pumps
    this.tokenBound = true;
    if (this.timer) return;
    const ms = Math.max(1, Math.ceil((need / this.rate) * 1000));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  // ---- rate adaptation -------------------------------------------------------------------------

  /** Counts time spent sending as fast as the bucket allows (evidence for a higher rate). */
  private account(t: number): void {
    const dt = t - this.lastPump;
    this.lastPump = t;
    if (this.tuning.adaptive && this.rate < this.tuning.rate && t - this.lastThrottleAt >= this.tuning.recoverAfterMs) {
      this.logger?.debug(
        `${this.name}: no throttling for ${Math.round((t - this.lastThrottleAt) / 1000)} s: back to ${round(this.tuning.rate)} calls/s`,
      );
      this.rate = this.goodRate = this.tuning.rate;
      this.probeAfterMs = this.tuning.probeAfterMs;
      this.step = 2;
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

  private onThrottled(op: string, sentAt: number): void {
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
