/**
 * The WorkSpaces API quota as AWS documents it (admin guide, troubleshooting "I receive
 * ThrottlingException errors to some of my API calls", and the quotas page "API throttling"):
 * "WorkSpaces API calls are allowed at a constant rate of two calls per second, with a maximum
 * burst of five" — a token bucket of `burst` tokens refilled at `rate` per second, one bucket per
 * account and region, shared by every operation. A call that finds no token is answered with
 * `ThrottlingException` "Rate exceeded" (HTTP 400). Real time, not the emulated clock: the
 * emulated clock moves WorkSpace states, the quota is what a client waits for.
 *
 * Unknown on AWS (so not modelled): whether some operations have their own bucket, and whether a
 * throttled call costs a token (here it does not).
 */
export interface QuotaOptions {
  /** Tokens added per second. 0 turns the quota off. */
  rate: number;
  /** Bucket size (the burst). */
  burst: number;
}

/** AWS's documented default. */
export const AWS_QUOTA: QuotaOptions = { rate: 2, burst: 5 };

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private opts: QuotaOptions,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.tokens = opts.burst;
    this.last = clock();
  }

  get options(): QuotaOptions {
    return { ...this.opts };
  }

  set(opts: QuotaOptions): void {
    this.refill();
    this.opts = opts;
    this.tokens = Math.min(this.tokens, opts.burst);
  }

  /** Takes a token; false when the bucket is empty (the call is throttled). Always true when off. */
  take(): boolean {
    if (!(this.opts.rate > 0)) {
      return true;
    }
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }

  private refill(): void {
    const now = this.clock();
    this.tokens = Math.min(this.opts.burst, this.tokens + ((now - this.last) / 1000) * this.opts.rate);
    this.last = now;
  }
}

/** One bucket per account and region. */
export class Quotas {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private opts: QuotaOptions) {}

  get options(): QuotaOptions {
    return { ...this.opts };
  }

  /** Changes every bucket (existing ones keep their tokens, capped at the new burst). */
  set(opts: QuotaOptions): void {
    this.opts = { ...opts };
    for (const b of this.buckets.values()) {
      b.set(this.opts);
    }
  }

  take(accountId: string, region: string): boolean {
    const key = `${accountId}/${region}`;
    let b = this.buckets.get(key);
    if (!b) {
      b = new TokenBucket(this.opts);
      this.buckets.set(key, b);
    }
    return b.take();
  }

  /** Fresh, full buckets (a reset of the emulator). */
  clear(): void {
    this.buckets.clear();
  }
}
