// The one clock of the product: every "now" that a date depends on (usage months, idle days,
// first-seen times, advice, report headers, cache ages, "last seen 3 d ago") comes from a Clock
// passed in, never from Date.now() or new Date() directly (lint enforces it outside this file).
// Durations and timeouts use performance.now() or timers instead: they need no date.
//
// The extension builds one clock in activate() (Services.clock): the system clock, or a pinned
// one when the environment names an instant (WORKSPACES_FLEET_CLOCK=2026-11-18T10:30:00Z; the
// tests, the E2E and the sandbox use it so that what they show does not depend on today's date).
// A pinned clock starts at that instant and then advances with the monotonic clock, so timers,
// polling and the emulator's timed transitions still move.

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** The wall clock. The only reader of Date.now() in src (and in test, for SigV4's real time). */
export const SYSTEM_CLOCK: Clock = { now: () => Date.now() };

/** The environment variable that pins the product's clock (an ISO 8601 instant). */
export const CLOCK_ENV = 'WORKSPACES_FLEET_CLOCK';

/**
 * A clock that reads `at` when created and then advances with the monotonic clock (never with the
 * wall clock: a test pinned at 29 February 23:40 crosses midnight into 1 March as a person would).
 */
export class PinnedClock implements Clock {
  private base: number;
  private since: number;

  /**
   * @param at the instant the clock reads at `since`
   * @param since the monotonic reading `at` belongs to (default: now; 0 = the process's start, so
   *   every clock pinned at one instant in one process reads the same, whichever module made it)
   */
  constructor(
    at: number,
    private readonly monotonic: () => number = () => performance.now(),
    since: number = monotonic(),
  ) {
    if (!Number.isFinite(at)) throw new Error(`not a time: ${at}`);
    this.base = at;
    this.since = since;
  }

  now(): number {
    return this.base + Math.floor(this.monotonic() - this.since);
  }

  /** Jumps to `at` (and advances from there). */
  set(at: number): void {
    if (!Number.isFinite(at)) throw new Error(`not a time: ${at}`);
    this.base = at;
    this.since = this.monotonic();
  }

  /** Moves the clock forward (or back, with a negative `ms`). */
  advance(ms: number): void {
    this.base += ms;
  }
}

/** Parses an ISO 8601 instant ("2026-11-18T10:30:00Z"); undefined when it is not one. */
export function parseInstant(text: string | undefined): number | undefined {
  if (!text || !/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim())) return undefined;
  const t = Date.parse(text.trim());
  return Number.isFinite(t) ? t : undefined;
}

/**
 * The clock the environment asks for, else the system clock. WORKSPACES_FLEET_CLOCK is either
 * - an instant ("2026-11-18T10:30:00Z"): the time at the process's start, so the extension, the
 *   tests in its host and an emulator there all read the same; or
 * - an instant and the wall-clock milliseconds it was pinned at ("2026-11-18T10:30:00Z@1765100000000",
 *   what test/run.mjs sets): every process started from it reads the same time, whenever it started
 *   (windows that compare leases and cache ages across processes).
 * Set only by whoever starts the process (tests, the sandbox, a demo); no workspace or setting can.
 */
export function clockFromEnvironment(env: NodeJS.ProcessEnv = process.env): Clock {
  const [instant, anchor] = (env[CLOCK_ENV] ?? '').split('@');
  const at = parseInstant(instant);
  if (at === undefined) return SYSTEM_CLOCK;
  const pinnedAt = anchor !== undefined && /^\d+(\.\d+)?$/.test(anchor) ? Number(anchor) : undefined;
  // The monotonic reading of the anchor in this process: 0 is the process's start.
  const since = pinnedAt === undefined ? 0 : pinnedAt - performance.timeOrigin;
  return new PinnedClock(at, () => performance.now(), since);
}

/** A Date of the clock's now. */
export function nowDate(clock: Clock): Date {
  return new Date(clock.now());
}
