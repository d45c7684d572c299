// The explorer's auto-refresh (`workspacesFleet.autoRefreshMinutes`): every N minutes, while the
// view is visible, a full re-list of every scope. A full re-list costs ⌈N/25⌉ × 2 calls per
// account and region against AWS's quota of 2 calls/s, so the period has a floor (5 minutes: a
// value of 0.001 used to make a 60 ms loop that kept the quota busy) and a ceiling (a day: a
// timer over 2³¹ ms fires at once), and a tick never starts a re-list on top of one in flight
// (the first listing, a person's Refresh, the previous tick): it skips and waits for the next.
// boundedSetting keeps the other timer settings (polling, request timeout) within their bounds.
// Never imports `vscode`: the explorer passes the fleet and says when the view is visible.
import type { Fleet } from './fleet';

/** The shortest period (minutes) a setting gets; 0 turns the auto-refresh off. */
export const AUTO_REFRESH_MIN_MINUTES = 5;
/** The longest period (minutes). */
export const AUTO_REFRESH_MAX_MINUTES = 24 * 60;

/**
 * The period (ms) of a value of the setting: 0 (off) for 0, a negative number or anything that is
 * not a number; else the minutes clamped to 5 minutes … 1 day.
 */
export function autoRefreshPeriodMs(minutes: unknown): number {
  if (typeof minutes !== 'number' || Number.isNaN(minutes) || minutes <= 0) return 0;
  return Math.min(AUTO_REFRESH_MAX_MINUTES, Math.max(AUTO_REFRESH_MIN_MINUTES, minutes)) * 60_000;
}

/**
 * A number setting within its bounds (package.json's minimum and maximum, which VS Code does not
 * enforce): `fallback` for what is not a number (settings.json takes any JSON value), else
 * clamped. Every timer setting goes through it: a timer of NaN ms or of more than 2³¹ ms fires at
 * once, so an unbounded value is a busy loop.
 */
export function boundedSetting(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || Number.isNaN(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}

export interface AutoRefreshOptions {
  /** After a tick's re-list (the explorer kicks the poller). */
  refreshed?: () => void;
  /** A tick's re-list failed. */
  failed?: (e: unknown) => void;
}

export class AutoRefresh {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  /** Ticks that re-listed and ticks skipped because a listing ran (for the log and the tests). */
  readonly counts = { refreshed: 0, skipped: 0 };

  constructor(
    private readonly fleet: Pick<Fleet, 'allScopes' | 'refreshAll' | 'state'>,
    private readonly opts: AutoRefreshOptions = {},
  ) {}

  /** Ticks every `periodMs` (from autoRefreshPeriodMs) while `active`; 0 or inactive stops it. */
  arm(periodMs: number, active: boolean): void {
    this.stop();
    if (periodMs > 0 && active) this.timer = setInterval(() => void this.tick(), periodMs);
  }

  get armed(): boolean {
    return this.timer !== undefined;
  }

  /** True while anything is being listed: the profiles' first read, a scope's section, a tick. */
  listing(): boolean {
    return (
      this.running !== undefined || this.fleet.state === 'loading' || this.fleet.allScopes().some((m) => m.loading)
    );
  }

  /** One tick: re-lists everything, or does nothing while a listing runs. Resolves to whether it re-listed. */
  async tick(): Promise<boolean> {
    if (this.listing()) {
      this.counts.skipped++;
      return false;
    }
    this.counts.refreshed++;
    const run = this.fleet.refreshAll();
    this.running = run;
    try {
      await run;
      this.opts.refreshed?.();
    } catch (e) {
      this.opts.failed?.(e);
    } finally {
      if (this.running === run) this.running = undefined;
    }
    return true;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
