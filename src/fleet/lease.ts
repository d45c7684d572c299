// A lease in a folder that several processes share (the VS Code windows' global storage): at most
// one holder at a time, kept by a heartbeat, taken over once the holder stops beating (a crashed or
// closed window). Pure Node, no locks: a file of JSON { owner, heartbeatAt, expiresAt } per lease.
//
// - Taking a free lease creates its file exclusively, whole (a hard link of a written temporary
//   file: link fails when the name exists, so one process wins whatever the race, and no reader
//   ever sees a half-written lease).
// - Taking an expired lease replaces the file (write + rename) and reads it back after a short
//   settle: when two processes take over at once, the last rename wins and the other sees it and
//   backs off. A holder also reads the file before each heartbeat, so a lost lease is noticed within
//   one heartbeat and no two holders last longer than that.
// - Times come from the Clock the processes share (src/core/clock.ts: the system clock, or in tests
//   a clock pinned with its wall-clock anchor so every process reads the same).
import { randomUUID } from 'node:crypto';
import { link, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { Clock } from '../core/clock';

export interface LeaseTiming {
  /** A lease not renewed for this long is free to take over (ms). Default 15 000. */
  ttlMs: number;
  /** How often a holder renews it (ms). Default 5 000: three missed beats before it lapses. */
  heartbeatMs: number;
  /** How long a takeover waits before reading the file back (ms). Default 150. */
  settleMs: number;
}

export const DEFAULT_LEASE_TIMING: LeaseTiming = { ttlMs: 15_000, heartbeatMs: 5_000, settleMs: 150 };

export interface LeaseRecord {
  /** The holder (a window id). */
  readonly owner: string;
  readonly heartbeatAt: number;
  readonly expiresAt: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function parse(text: string): LeaseRecord | undefined {
  try {
    const v = JSON.parse(text) as Partial<LeaseRecord> | null;
    if (v && typeof v.owner === 'string' && typeof v.heartbeatAt === 'number' && typeof v.expiresAt === 'number') {
      return { owner: v.owner, heartbeatAt: v.heartbeatAt, expiresAt: v.expiresAt };
    }
  } catch {
    // A half-written or foreign file: treated as no lease (it is replaced by the next taker).
  }
  return undefined;
}

export class Lease {
  private timing: LeaseTiming;

  constructor(
    readonly file: string,
    readonly owner: string,
    private readonly clock: Clock,
    timing: Partial<LeaseTiming> = {},
  ) {
    this.timing = { ...DEFAULT_LEASE_TIMING, ...timing };
  }

  get ttlMs(): number {
    return this.timing.ttlMs;
  }

  private record(): LeaseRecord {
    const now = this.clock.now();
    return { owner: this.owner, heartbeatAt: now, expiresAt: now + this.timing.ttlMs };
  }

  /** What the file says now (undefined: no file, or not a lease). */
  async read(): Promise<LeaseRecord | undefined> {
    try {
      return parse(await readFile(this.file, 'utf8'));
    } catch {
      return undefined;
    }
  }

  /** The live holder (undefined when the lease is free or lapsed). */
  async holder(): Promise<LeaseRecord | undefined> {
    const r = await this.read();
    return r && r.expiresAt > this.clock.now() ? r : undefined;
  }

  /** True when this process holds the lease by the file now. */
  async held(): Promise<boolean> {
    return (await this.holder())?.owner === this.owner;
  }

  /**
   * Takes the lease if it is free, lapsed or already ours; false when another live holder has it.
   */
  async acquire(): Promise<boolean> {
    const current = await this.read();
    const now = this.clock.now();
    if (current && current.owner !== this.owner && current.expiresAt > now) return false;
    if (current?.owner === this.owner) return this.renew();
    if (current === undefined && (await this.createExclusive())) return true;
    // Lapsed (or an unreadable file, or created by another taker a moment ago): take it over, then
    // see who won.
    const again = await this.read();
    if (again && again.owner !== this.owner && again.expiresAt > this.clock.now()) return false;
    await this.replace();
    await sleep(this.timing.settleMs + Math.random() * this.timing.settleMs);
    return (await this.read())?.owner === this.owner;
  }

  /**
   * The heartbeat: renews the lease while it is ours (or its file vanished); false when another
   * process holds it now (it took over a lapse: this one must stop what the lease was for).
   */
  async renew(): Promise<boolean> {
    const current = await this.read();
    if (current && current.owner !== this.owner) return false;
    await this.replace();
    return true;
  }

  /** Gives the lease up (only if it is still ours). */
  async release(): Promise<void> {
    const current = await this.read();
    if (current?.owner === this.owner) await rm(this.file, { force: true });
  }

  /** Creates the file with its whole content at once (link fails when it exists): never half-written. */
  private async createExclusive(): Promise<boolean> {
    const tmp = await this.writeTmp();
    try {
      await link(tmp, this.file);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    } finally {
      await rm(tmp, { force: true });
    }
  }

  private async writeTmp(): Promise<string> {
    const tmp = `${this.file}.${process.pid}.${randomUUID()}.tmp`;
    await writeFile(tmp, JSON.stringify(this.record()), { mode: 0o600 });
    return tmp;
  }

  private async replace(): Promise<void> {
    await rename(await this.writeTmp(), this.file);
  }
}
