// A staged rollout: Rebuild (a bundle's new image) or the DCV protocol change, sent to a list of
// WorkSpaces in waves (size, pause between waves, stop when more than N failed), that survives a
// window reload and never sends the change to a WorkSpace twice. Pure Node (no `vscode`): the
// commands drive it, the unit tests run it against the emulator with the real SDK.
//
// - The state is one JSON file per rollout in the windows' shared global storage (`rollouts/`),
//   replaced atomically (write + rename). Only the holder of the rollout's lease (fleet/lease.ts)
//   acts and writes it; any window may ask it to pause, resume or cancel (a `.control` file the
//   holder reads before each step). A window that finds a running rollout without a live holder
//   takes the lease over and goes on.
// - Never twice: an item's intent is written (status `intent`) before its call is sent. An item
//   found in `intent` (the holder died, or the answer was lost) is never sent again: it is settled
//   by re-reading its state, as fleet/outcomes.ts settles lost answers — a Rebuild that shows
//   REBUILDING (or a protocol that shows WSP) was applied, anything else stays `unclear` for a
//   person to look at.
// - "Older than the bundle's image": AWS does not say which image a WorkSpace's system volume came
//   from (the Workspace shape has no image or creation date). The only evidence is this extension's
//   own record: a WorkSpace this rollout rebuilt from the bundle's current ImageId is `current`;
//   every other WorkSpace on the bundle "may be older" (see rolloutCandidates).
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Workspace, WorkspaceBundle } from '@aws-sdk/client-workspaces';
import type { CallOptions } from '../aws/api';
import type { Clock } from '../core/clock';
import { errorMessage } from '../core/errors';
import { DCV_PROTOCOL, whyNotDcv } from '../core/protocol';
import { ACTION_TABLE } from '../core/actionTable';
import type { ActionOutcome, Snapshots } from '../core/types';
import { Lease, type LeaseTiming } from './lease';

export type RolloutKind = 'rebuild' | 'dcv';
export type ItemStatus = 'pending' | 'intent' | 'sent' | 'done' | 'failed' | 'unclear' | 'skipped';
export type Control = 'run' | 'pause' | 'cancel';
export type Phase = 'running' | 'paused' | 'done' | 'cancelled' | 'stopped';

export interface WavePlan {
  /** WorkSpaces per wave (≥ 1). */
  size: number;
  /** Pause after a wave has settled (ms). */
  pauseMs: number;
  /** Stop (no further wave) once more than this many have failed. */
  maxFailures: number;
}

export interface RolloutItem {
  id: string;
  label: string;
  wave: number;
  status: ItemStatus;
  /** When the status last changed (ms). */
  at?: number;
  reason?: string;
  /** The user-volume snapshot the rebuild uses (ms), read just before it is sent. */
  snapshot?: number;
}

export interface RolloutState {
  version: 1;
  id: string;
  kind: RolloutKind;
  profile: string;
  region: string;
  /** The bundle and the image being rolled out (rebuild). */
  bundleId?: string;
  imageId?: string;
  waves: WavePlan;
  createdAt: number;
  phase: Phase;
  /** The wave being worked on (0-based). */
  wave: number;
  items: RolloutItem[];
  /** Set when the rollout stopped on its own (the failure threshold). */
  stopReason?: string;
}

/** What the runner calls: one scope's WorkspacesApi (the subset it needs). */
export interface RolloutApi {
  refresh(ids: readonly string[], o?: CallOptions): Promise<{ workspaces: Workspace[]; gone: string[] }>;
  snapshots(id: string, o?: CallOptions): Promise<Snapshots>;
  rebuild(ids: readonly string[], o?: CallOptions): Promise<ActionOutcome[]>;
  setProtocols(ids: readonly string[], protocols: readonly ['WSP'], o?: CallOptions): Promise<ActionOutcome[]>;
}

// ---------------------------------------------------------------------------------------------
// The shared store

const SAFE = /[^A-Za-z0-9._-]/g;

/** The rollouts of one installation: one state file (+ lease, + control request) per rollout. */
export class RolloutStore {
  constructor(readonly dir: string) {}

  private file(id: string, ext: string): string {
    return join(this.dir, `${id.replace(SAFE, '_')}.${ext}`);
  }

  leaseFile(id: string): string {
    return this.file(id, 'lease');
  }

  async read(id: string): Promise<RolloutState | undefined> {
    try {
      const v = JSON.parse(await readFile(this.file(id, 'json'), 'utf8')) as RolloutState;
      return v && v.version === 1 && Array.isArray(v.items) ? v : undefined;
    } catch {
      return undefined;
    }
  }

  /** Replaces the state whole (a reader never sees half a file). */
  async write(state: RolloutState): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const tmp = `${this.file(state.id, 'json')}.${process.pid}.${randomUUID()}.tmp`;
    await writeFile(tmp, JSON.stringify(state), { mode: 0o600 });
    await rename(tmp, this.file(state.id, 'json'));
  }

  async list(): Promise<RolloutState[]> {
    let names: string[] = [];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const states = await Promise.all(
      names.filter((n) => n.endsWith('.json')).map((n) => this.read(n.slice(0, -'.json'.length))),
    );
    return states.filter((s): s is RolloutState => s !== undefined).sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Asks the holder (whichever window it is) to pause, resume or cancel. */
  async request(id: string, control: Control): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const tmp = `${this.file(id, 'control')}.${process.pid}.${randomUUID()}.tmp`;
    await writeFile(tmp, control, { mode: 0o600 });
    await rename(tmp, this.file(id, 'control'));
  }

  async control(id: string): Promise<Control> {
    try {
      const c = (await readFile(this.file(id, 'control'), 'utf8')).trim();
      return c === 'pause' || c === 'cancel' ? c : 'run';
    } catch {
      return 'run';
    }
  }

  async remove(id: string): Promise<void> {
    for (const ext of ['json', 'control', 'lease']) await rm(this.file(id, ext), { force: true });
  }
}

/** A new rollout's state: the items cut into waves, every one pending. */
export function newRollout(o: {
  kind: RolloutKind;
  profile: string;
  region: string;
  items: ReadonlyArray<{ id: string; label: string }>;
  waves: WavePlan;
  bundleId?: string;
  imageId?: string;
  now: number;
}): RolloutState {
  const size = Math.max(1, Math.floor(o.waves.size));
  return {
    version: 1,
    id: `${o.kind}-${o.now.toString(36)}-${randomUUID().slice(0, 6)}`,
    kind: o.kind,
    profile: o.profile,
    region: o.region,
    ...(o.bundleId ? { bundleId: o.bundleId } : {}),
    ...(o.imageId ? { imageId: o.imageId } : {}),
    waves: { ...o.waves, size },
    createdAt: o.now,
    phase: 'running',
    wave: 0,
    items: o.items.map((x, i) => ({ id: x.id, label: x.label, wave: Math.floor(i / size), status: 'pending' })),
  };
}

export function waveCount(s: RolloutState): number {
  return s.items.reduce((n, x) => Math.max(n, x.wave + 1), 0);
}

export function counts(s: RolloutState): Record<ItemStatus, number> {
  const c: Record<ItemStatus, number> = { pending: 0, intent: 0, sent: 0, done: 0, failed: 0, unclear: 0, skipped: 0 };
  for (const x of s.items) c[x.status]++;
  return c;
}

// ---------------------------------------------------------------------------------------------
// "Older than the bundle's image"

export type ImageStatus = 'current' | 'older' | 'unknown';

/**
 * Which WorkSpaces on the bundle to roll out: `current` ones this extension rebuilt from the
 * bundle's ImageId after the bundle last changed (its own record, the rollouts in the store),
 * `older` ones it rebuilt from another image, and `unknown` — every other WorkSpace, which may be
 * older: AWS does not expose the image of a WorkSpace's system volume.
 */
export function rolloutCandidates(
  workspaces: readonly Workspace[],
  bundle: WorkspaceBundle,
  history: readonly RolloutState[],
): Map<string, ImageStatus> {
  const rebuiltFrom = new Map<string, { image: string; at: number }>();
  for (const r of history) {
    if (r.kind !== 'rebuild' || r.bundleId !== bundle.BundleId || !r.imageId) continue;
    for (const x of r.items) {
      const prev = rebuiltFrom.get(x.id);
      if (x.status === 'done' && (!prev || (x.at ?? 0) > prev.at)) {
        rebuiltFrom.set(x.id, { image: r.imageId, at: x.at ?? 0 });
      }
    }
  }
  const changed = bundle.LastUpdatedTime instanceof Date ? bundle.LastUpdatedTime.getTime() : 0;
  const out = new Map<string, ImageStatus>();
  for (const w of workspaces) {
    if (!w.WorkspaceId || w.BundleId !== bundle.BundleId) continue;
    const rec = rebuiltFrom.get(w.WorkspaceId);
    out.set(w.WorkspaceId, !rec ? 'unknown' : rec.image === bundle.ImageId && rec.at >= changed ? 'current' : 'older');
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The runner

export interface RunnerOptions {
  store: RolloutStore;
  api: RolloutApi;
  clock: Clock;
  /** This window's id (the lease owner). */
  owner: string;
  /** How often a wave's WorkSpaces are re-read while they move (ms). Default 15 000. */
  pollMs?: number;
  /** Gives up waiting for a wave after this long (ms); the moving ones become `unclear`. Default 2 h. */
  waveTimeoutMs?: number;
  lease?: Partial<LeaseTiming>;
  /** After each change of the state (the tree, the report). */
  onChange?: (s: RolloutState) => void;
  log?: (line: string) => void;
}

export type RunResult = 'done' | 'paused' | 'cancelled' | 'stopped' | 'heldElsewhere' | 'leaseLost' | 'missing';

/**
 * Every call of a rollout runs at background priority: a person's actions and what they look at
 * (action / interactive, src/aws/priority.ts) never queue behind a rollout's hundreds of calls.
 */
const BG: CallOptions = { priority: 'background' };

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

class LeaseLost extends Error {}

/** Runs (or resumes) one rollout until it is done, paused, cancelled or stopped. */
export async function runRollout(id: string, o: RunnerOptions): Promise<RunResult> {
  const lease = new Lease(o.store.leaseFile(id), o.owner, o.clock, o.lease);
  await mkdir(o.store.dir, { recursive: true });
  if (!(await lease.acquire())) return 'heldElsewhere';
  let lost = false;
  const beat = setInterval(
    () =>
      void lease.renew().then(
        (ok) => void (lost ||= !ok),
        () => undefined,
      ),
    lease.ttlMs / 3,
  );
  try {
    const s = await o.store.read(id);
    if (!s) return 'missing';
    return await new Runner(s, o, () => lost).run();
  } catch (e) {
    if (e instanceof LeaseLost) return 'leaseLost';
    throw e;
  } finally {
    clearInterval(beat);
    await lease.release();
  }
}

class Runner {
  constructor(
    private readonly s: RolloutState,
    private readonly o: RunnerOptions,
    private readonly lost: () => boolean,
  ) {}

  private log(line: string): void {
    this.o.log?.(`Rollout ${this.s.id}: ${line}`);
  }

  private async save(): Promise<void> {
    if (this.lost()) throw new LeaseLost();
    await this.o.store.write(this.s);
    this.o.onChange?.(this.s);
  }

  private set(x: RolloutItem, status: ItemStatus, reason?: string): void {
    x.status = status;
    x.at = this.o.clock.now();
    if (reason === undefined) delete x.reason;
    else x.reason = reason;
  }

  /** The control request, applied to the phase; true when the runner must stop now. */
  private async halted(): Promise<RunResult | undefined> {
    const c = await this.o.store.control(this.s.id);
    if (c === 'cancel') {
      this.s.phase = 'cancelled';
      await this.save();
      return 'cancelled';
    }
    if (c === 'pause') {
      this.s.phase = 'paused';
      await this.save();
      return 'paused';
    }
    if (this.s.phase !== 'running') {
      this.s.phase = 'running';
      await this.save();
    }
    return undefined;
  }

  private failures(): number {
    return this.s.items.filter((x) => x.status === 'failed').length;
  }

  async run(): Promise<RunResult> {
    if (['done', 'cancelled', 'stopped'].includes(this.s.phase)) return this.s.phase as RunResult;
    const waves = waveCount(this.s);
    for (; this.s.wave < waves; this.s.wave++) {
      const h = await this.halted();
      if (h) return h;
      const items = this.s.items.filter((x) => x.wave === this.s.wave);
      await this.settleIntents(items);
      await this.send(items);
      await this.await(items);
      if (this.failures() > this.s.waves.maxFailures) {
        this.s.phase = 'stopped';
        this.s.stopReason = `${this.failures()} failed, more than the ${this.s.waves.maxFailures} allowed`;
        this.s.wave++;
        await this.save();
        this.log(this.s.stopReason);
        return 'stopped';
      }
      if (this.s.wave + 1 < waves && this.s.waves.pauseMs > 0) {
        const until = performance.now() + this.s.waves.pauseMs;
        while (performance.now() < until) {
          await sleep(Math.min(1000, until - performance.now()));
          const c = await this.o.store.control(this.s.id);
          if (c !== 'run') break;
        }
      }
    }
    this.s.phase = 'done';
    await this.save();
    return 'done';
  }

  /** Was the change applied to this WorkSpace, by what a re-read shows? */
  private applied(w: Workspace | undefined): boolean {
    if (!w) return false;
    if (this.s.kind === 'dcv') {
      return (w.WorkspaceProperties?.Protocols ?? []).some((p) => String(p) === 'WSP' || String(p) === 'DCV');
    }
    return (ACTION_TABLE.rebuild.applied as readonly string[]).includes(w.State ?? '');
  }

  /**
   * Items whose intent was written but whose outcome was not (the previous holder died between the
   * two): never sent again; settled from a re-read.
   */
  private async settleIntents(items: RolloutItem[]): Promise<void> {
    const open = items.filter((x) => x.status === 'intent');
    if (open.length === 0) return;
    await this.judgeUnknown(open, 'the window that sent it closed before the answer was recorded');
  }

  private async judgeUnknown(open: RolloutItem[], why: string): Promise<void> {
    let byId = new Map<string, Workspace>();
    try {
      byId = new Map(
        (
          await this.o.api.refresh(
            open.map((x) => x.id),
            BG,
          )
        ).workspaces.map((w) => [w.WorkspaceId ?? '', w]),
      );
    } catch (e) {
      for (const x of open) {
        this.set(x, 'unclear', `${why}; its state could not be read (${errorMessage(e)}). Not sent again.`);
      }
      await this.save();
      return;
    }
    for (const x of open) {
      if (this.applied(byId.get(x.id))) this.set(x, 'sent');
      else this.set(x, 'unclear', `${why}; the WorkSpace does not show the change. Not sent again: check it yourself.`);
    }
    await this.save();
  }

  /** Re-reads the wave's pending items, skips those AWS would refuse, records intents, sends. */
  private async send(items: RolloutItem[]): Promise<void> {
    const pending = items.filter((x) => x.status === 'pending');
    if (pending.length === 0) return;
    const { workspaces } = await this.o.api.refresh(
      pending.map((x) => x.id),
      BG,
    );
    const byId = new Map(workspaces.map((w) => [w.WorkspaceId ?? '', w]));
    const ready: RolloutItem[] = [];
    for (const x of pending) {
      const w = byId.get(x.id);
      const why = this.whyNot(w);
      if (why) this.set(x, 'skipped', why);
      else ready.push(x);
    }
    if (this.s.kind === 'rebuild') {
      // The snapshot each rebuild uses (AWS refuses a rebuild without one).
      await Promise.all(
        ready.map(async (x) => {
          try {
            const snaps = await this.o.api.snapshots(x.id, BG);
            if (snaps.rebuild[0]) x.snapshot = snaps.rebuild[0].getTime();
          } catch (e) {
            this.log(`snapshots of ${x.id} could not be read: ${errorMessage(e)}`);
          }
        }),
      );
    }
    const toSend = ready.filter((x) => {
      if (this.s.kind === 'rebuild' && x.snapshot === undefined) {
        this.set(x, 'skipped', 'no snapshot of its user volume (AWS refuses to rebuild it)');
        return false;
      }
      return true;
    });
    // The intent, recorded before anything is sent.
    for (const x of toSend) this.set(x, 'intent');
    await this.save();
    if (toSend.length === 0) return;
    const ids = toSend.map((x) => x.id);
    const outcomes =
      this.s.kind === 'rebuild'
        ? await this.o.api.rebuild(ids, BG)
        : await this.o.api.setProtocols(ids, [DCV_PROTOCOL], BG);
    const byOutcome = new Map(outcomes.map((r) => [r.id, r]));
    const unknown: RolloutItem[] = [];
    for (const x of toSend) {
      const r = byOutcome.get(x.id);
      if (r?.ok) this.set(x, 'sent');
      else if (r && !r.unknown) this.set(x, 'failed', `${r.code}: ${r.message}`);
      else unknown.push(x);
    }
    await this.save();
    if (unknown.length > 0) await this.judgeUnknown(unknown, 'the answer was lost');
  }

  private whyNot(w: Workspace | undefined): string | undefined {
    if (!w) return 'gone (no longer returned by DescribeWorkspaces)';
    if (this.s.kind === 'dcv') return whyNotDcv(w);
    if (w.BundleId !== this.s.bundleId) return `now on another bundle (${w.BundleId ?? '?'})`;
    if (!ACTION_TABLE.rebuild.states.includes(w.State as never)) {
      return `it is ${w.State ?? '?'} (Rebuild needs ${ACTION_TABLE.rebuild.states.join(', ')})`;
    }
    return undefined;
  }

  /** Waits until every sent item of the wave has settled (re-read by id, ≤ 25 per call). */
  private async await(items: RolloutItem[]): Promise<void> {
    const started = performance.now();
    const timeout = this.o.waveTimeoutMs ?? 2 * 3_600_000;
    for (;;) {
      const moving = items.filter((x) => x.status === 'sent');
      if (moving.length === 0) return;
      if (performance.now() - started > timeout) {
        for (const x of moving) this.set(x, 'unclear', 'still moving when the wave timed out');
        await this.save();
        return;
      }
      await sleep(this.o.pollMs ?? 15_000);
      if (this.lost()) throw new LeaseLost();
      let r: { workspaces: Workspace[]; gone: string[] };
      try {
        r = await this.o.api.refresh(
          moving.map((x) => x.id),
          BG,
        );
      } catch (e) {
        this.log(`re-read failed: ${errorMessage(e)}`);
        continue;
      }
      const byId = new Map(r.workspaces.map((w) => [w.WorkspaceId ?? '', w]));
      let changed = false;
      for (const x of moving) {
        const w = byId.get(x.id);
        const st = this.settled(w);
        if (st) {
          this.set(x, st[0], st[1]);
          changed = true;
        }
      }
      if (changed) await this.save();
    }
  }

  /** A sent item's end, or undefined while it still moves. */
  private settled(w: Workspace | undefined): [ItemStatus, string?] | undefined {
    if (!w) return ['failed', 'gone while the change ran'];
    const st = w.State ?? '';
    if (this.s.kind === 'rebuild') {
      if (st === 'REBUILDING') return undefined;
      return st === 'AVAILABLE' || st === 'STOPPED'
        ? ['done']
        : ['failed', `ended ${st}${w.ErrorCode ? ` (${w.ErrorCode})` : ''}`];
    }
    if (['UPDATING', 'REBOOTING', 'STARTING', 'STOPPING'].includes(st)) return undefined;
    if (!this.applied(w)) return ['failed', `ended ${st} still on PCoIP`];
    return st === 'AVAILABLE' || st === 'STOPPED' ? ['done'] : ['failed', `ended ${st}`];
  }
}
