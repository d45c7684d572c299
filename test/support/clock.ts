// The tests' clock: every test, the emulator and the product models they build read the time from
// here, pinned at WORKSPACES_FLEET_CLOCK (test/run.mjs sets it to DEFAULT_TEST_INSTANT unless the
// caller names another, e.g. `WORKSPACES_FLEET_CLOCK=2028-02-29T23:40:00Z npm run test:unit`), so no
// test depends on today's date. The pinned clock advances from the process's start with the
// monotonic clock: timers, polls and the emulator's transitions still move.
import { CLOCK_ENV, clockFromEnvironment, parseInstant, type Clock } from '../../src/core/clock';

/** A mid-month weekday morning: the default instant of a test run. */
export const DEFAULT_TEST_INSTANT = '2026-11-18T10:30:00Z';

let clock: Clock | undefined;

/** The run's WORKSPACES_FLEET_CLOCK value (an instant, maybe with its wall-clock anchor). */
export function testInstant(): string {
  const v = process.env[CLOCK_ENV];
  return v && parseInstant(v.split('@')[0]) !== undefined ? v : DEFAULT_TEST_INSTANT;
}

/** The value to hand to a child process (a bench client, a second window) so it reads this clock. */
export function clockEnvForChildren(): string {
  const v = testInstant();
  return v.includes('@') ? v : `${v}@${performance.timeOrigin}`;
}

/** The process's test clock (one per process: every caller reads the same time). */
export function testClock(): Clock {
  clock ??= clockFromEnvironment({ [CLOCK_ENV]: testInstant() });
  return clock;
}

/** Now, by the test clock. */
export function testNow(): number {
  return testClock().now();
}

/**
 * Milliseconds since the epoch for ordering events across processes (the emulator's request log,
 * the bench's clients), never for a date a test asserts on: the process's time origin plus the
 * monotonic clock.
 */
export function wallMs(): number {
  return performance.timeOrigin + performance.now();
}
