// The quota-aware request scheduler: every WorkSpaces call of the AWS layer waits here for its turn.
//
// AWS documents one quota for the whole WorkSpaces API: "calls are allowed at a constant rate of
// two calls per second, with a maximum burst of five", per account and region, shared by every
// operation (admin guide, "API throttling"; shared/notes/workspaces-api.md). Whether the bucket is
// per account or per IAM principal is not documented beyond "per account": the layer shares one
// scheduler per account and region once it knows the account (AwsLayer.bindAccount), and one per
// profile and region until then.
//
// One Scheduler is a local model of that bucket (rate r, burst b, refilled continuously; the
// AdaptiveBucket of bucket.ts) plus:
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
// - rate adaptation (bucket.ts): the rate starts at AWS's documented 2/s, probes higher after a
//   while of full use, and steps down when throttled; each minute without throttling takes back
//   part of a cut (× 1.25), so a neighbour that caused it keeps its share.
// - an in-flight cap per bucket (calls sent and not answered yet).
// - cancellation: a call whose AbortSignal fires while it waits leaves the queue at once with a
//   'cancelled' AwsError and is never sent.
// Hand-written: no library the extension may ship provides a priority token bucket that learns the
// rate from throttling answers (the SDK's adaptive retry mode has a client-side rate limiter, but
// per client, without priorities, and it slows down only after being throttled).
import { AwsError, isAwsError } from '../core/errors';
import { AdaptiveBucket, now, round } from './bucket';
import { PRIORITIES, RANK, type Priority, type PriorityRef } from './priority';

export type { SchedulerLogger, SchedulerTuning } from './bucket';
export { PRIORITIES, PriorityRef, type Priority } from './priority';

/** Handed to a call while it runs: an SDK retry attempt of it takes a token through `retryToken`. */
export interface Ticket {
  /** Waits for a token for another attempt of this call (front of its class, no new slot). */
  retryToken(): Promise<void>;
}

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

function cancelled(operation: string): AwsError {
  return new AwsError({ kind: 'cancelled', code: 'Cancelled', message: 'The request was cancelled.', operation });
}

function isThrottled(e: unknown): boolean {
  return isAwsError(e) && e.kind === 'throttled';
}

export class Scheduler extends AdaptiveBucket {
  private readonly queues: Record<Priority, Entry[]> = { action: [], interactive: [], background: [] };
  private readonly lastGrant: Record<Priority, number> = { action: now(), interactive: now(), background: now() };
  private inFlight = 0;
  private calls = 0;
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;
  /** Set once this scheduler's queue moved to another one (account binding). */
  private forward: Scheduler | undefined;

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
}
