/**
 * The state of one account in one region, with lazily computed asynchronous transitions: an action
 * records timed steps (e.g. STARTING now, AVAILABLE at t+transitionMs) and every read or write first
 * settles the steps that are due. No timers, nothing to clean up.
 */
import type {
  ConnectionState,
  ModificationResourceEnum,
  Tag,
  Workspace,
  WorkspaceBundle,
  WorkspaceConnectionStatus,
  WorkspaceDirectory,
  WorkspaceImage,
  WorkspaceProperties,
  WorkspacesPool,
  WorkspacesPoolState,
  WorkspaceState,
} from '@aws-sdk/client-workspaces';
import { createRng, hashString, type Rng } from './rng';

export const GONE = 'GONE';
export interface Step<S extends string> {
  /** ms since epoch when the resource enters `state`. */
  at: number;
  state: S | typeof GONE;
}

export type WorkspaceData = Workspace & {
  WorkspaceId: string;
  State: WorkspaceState;
  DirectoryId: string;
  BundleId: string;
};

export interface WorkspaceRecord {
  /** The WorkSpace as DescribeWorkspaces returns it; `State` is current after settle(). */
  data: WorkspaceData;
  /** When the current state was entered (ms). */
  stateSince: number;
  /** Pending timed steps, oldest first. */
  steps: Array<Step<WorkspaceState>>;
  /** Last known user connection: `lastConnected` undefined = nobody ever connected. */
  connection: { state: 'CONNECTED' | 'DISCONNECTED'; lastConnected?: number };
  /** When the WorkSpace was launched (ms): the 6-hour waits and the snapshot schedule count from it. */
  createdAt: number;
  /** When each kind of change was last requested (ms), for the 6-hour / 30-day windows. */
  modified: { root?: number; user?: number; computeUp?: number; computeDown?: number };
  /** The ModifyWorkspaceProperties change in progress (volume sizes or compute type), if any. */
  modification?: Modification;
  /**
   * The automatic snapshot schedule (admin guide, "Restore a WorkSpace"): snapshots at
   * `from + firstAfterMs`, then every 12 hours.
   */
  snapshotSchedule: { from: number; firstAfterMs: number };
  /** While this WorkSpace is the source of a running MigrateWorkspace: the target's id. */
  migratingTo?: string;
}

/**
 * A change of volume sizes or compute type: `ModificationStates` shows UPDATE_INITIATED, then
 * UPDATE_IN_PROGRESS from `progressAt`; at `doneAt` the new values (`props`) take effect.
 */
export interface Modification {
  resources: ModificationResourceEnum[];
  progressAt: number;
  doneAt: number;
  props: WorkspaceProperties;
}

/** Snapshots are taken every 12 hours (admin guide, "Restore a WorkSpace" / "Rebuild a WorkSpace"). */
export const SNAPSHOT_INTERVAL_MS = 12 * 3_600_000;
/**
 * The first snapshot of a new WorkSpace. The admin guide says "soon after a WorkSpace is first
 * created (often within 30 minutes)", "in some Regions several hours", and advises waiting 12 hours
 * before a migration "to ensure that a snapshot of the user volume has been created": the emulator
 * takes the cautious end, 12 hours.
 */
export const FIRST_SNAPSHOT_MS = SNAPSHOT_INTERVAL_MS;
/** After a restore, new snapshots are taken "soon after the restore is finished (often within 30 minutes)". */
export const SNAPSHOT_AFTER_RESTORE_MS = 30 * 60_000;

/** States in which the WorkSpace is not healthy: the 12-hourly snapshots then cover the user volume only. */
const UNHEALTHY: ReadonlySet<WorkspaceState> = new Set<WorkspaceState>(['ERROR', 'UNHEALTHY', 'IMPAIRED']);

/** The age of a WorkSpace added without a creation time (seeds, tests): 30 to 730 days, fixed by its id. */
function defaultAgeMs(id: string): number {
  return (30 + (hashString(`created/${id}`) % 700)) * 86_400_000;
}

export type PoolData = WorkspacesPool & { PoolId: string; State: WorkspacesPoolState };
export interface PoolRecord {
  data: PoolData;
  stateSince: number;
  steps: Array<Step<WorkspacesPoolState>>;
}

export type DirectoryData = WorkspaceDirectory & { DirectoryId: string };
export type BundleData = WorkspaceBundle & { BundleId: string };
export type ImageData = WorkspaceImage & { ImageId: string };

/** Settings shared by all worlds of an emulator (mutable at run time). */
export interface WorldConfig {
  transitionMs: number;
  /** Eventual consistency of new WorkSpaces (emulated ms they stay invisible). */
  visibilityDelayMs: number;
  now(): number;
}

/** Connection is only known while the WorkSpace runs. */
const CONNECTION_KNOWN: ReadonlySet<WorkspaceState> = new Set<WorkspaceState>([
  'AVAILABLE',
  'IMPAIRED',
  'UNHEALTHY',
  'ADMIN_MAINTENANCE',
]);

export class World {
  readonly directories = new Map<string, DirectoryData>();
  readonly workspaces = new Map<string, WorkspaceRecord>();
  /** Bundles owned by this account (AMAZON bundles are in `amazonBundles`). */
  readonly bundles = new Map<string, BundleData>();
  /** Images owned by this account and images shared with it (OwnerAccountId differs). */
  readonly images = new Map<string, ImageData>();
  readonly pools = new Map<string, PoolRecord>();
  /** Tags by resource id. */
  readonly tags = new Map<string, Tag[]>();
  readonly rng: Rng;
  /** User names (lower case, by directory) the directory does not know: CreateWorkspaces fails for them. */
  readonly missingUsers = new Set<string>();
  /** WorkSpaces not visible yet (eventual consistency), with the emulated time they appear. */
  private readonly hidden = new Map<string, number>();
  private readonly moving = new Set<string>();
  private sortedIds: string[] | undefined;
  private byDirectory: Map<string, string[]> | undefined;

  constructor(
    readonly accountId: string,
    readonly region: string,
    readonly config: WorldConfig,
    readonly amazonBundles: readonly BundleData[],
    rngSeed: number,
  ) {
    this.rng = createRng(`ids/${rngSeed}/${accountId}/${region}`);
  }

  now(): number {
    return this.config.now();
  }

  /** Applies every timed step that is due. Called before each request is served. */
  settle(now = this.now()): void {
    for (const [id, at] of this.hidden) {
      if (at <= now) {
        this.hidden.delete(id);
        this.sortedIds = undefined;
        this.byDirectory = undefined;
      }
    }
    for (const key of [...this.moving]) {
      const [kind, id] = key.split('|');
      const rec = kind === 'ws' ? this.workspaces.get(id) : this.pools.get(id);
      if (!rec) {
        this.moving.delete(key);
        continue;
      }
      while (rec.steps.length > 0 && rec.steps[0].at <= now) {
        const step = rec.steps.shift()!;
        if (step.state === GONE) {
          if (kind === 'ws') {
            this.removeWorkspace(id);
          } else {
            this.pools.delete(id);
          }
          break;
        }
        rec.stateSince = step.at;
        (rec.data as { State: string }).State = step.state;
      }
      if (kind === 'ws' && this.workspaces.has(id)) {
        this.settleModification(rec as WorkspaceRecord, now);
      }
      if (rec.steps.length === 0 && (kind !== 'ws' || !(rec as WorkspaceRecord).modification)) {
        this.moving.delete(key);
      }
    }
  }

  private settleModification(rec: WorkspaceRecord, now: number): void {
    const m = rec.modification;
    if (!m) {
      return;
    }
    if (now >= m.doneAt) {
      rec.data.WorkspaceProperties = m.props;
      delete rec.modification;
      delete rec.data.ModificationStates;
      return;
    }
    const state = now >= m.progressAt ? 'UPDATE_IN_PROGRESS' : 'UPDATE_INITIATED';
    rec.data.ModificationStates = m.resources.map((Resource) => ({ Resource, State: state }));
  }

  /** Starts a change of volume sizes or compute type (ModifyWorkspaceProperties). */
  startModification(id: string, resources: ModificationResourceEnum[], props: WorkspaceProperties): void {
    const rec = this.requireWorkspace(id);
    const now = this.now();
    const t = this.config.transitionMs;
    rec.modification = { resources, progressAt: now + t, doneAt: now + 2 * t, props };
    this.settleModification(rec, now);
    this.track('ws', id, true);
  }

  /** WorkSpace ids in ascending order (the paging order). */
  workspaceIds(): string[] {
    this.sortedIds ??= [...this.workspaces.keys()].filter((id) => !this.hidden.has(id)).sort();
    return this.sortedIds;
  }

  /** The WorkSpace as the API sees it: undefined when it does not exist or is not visible yet. */
  visibleWorkspace(id: string): WorkspaceRecord | undefined {
    return this.hidden.has(id) ? undefined : this.workspaces.get(id);
  }

  /** Makes a WorkSpace invisible to the API until `until` (emulated ms). */
  hide(id: string, until: number): void {
    if (until > this.now()) {
      this.hidden.set(id, until);
      this.sortedIds = undefined;
      this.byDirectory = undefined;
    }
  }

  /** The emulated time a hidden WorkSpace appears, or undefined when it is visible. */
  visibleAt(id: string): number | undefined {
    return this.hidden.get(id);
  }

  /** The ids of one directory's WorkSpaces in paging order, indexed so that listing a directory
   *  page by page does not filter the whole region for every page (10,000 WorkSpaces: 100 pages). */
  directoryWorkspaceIds(directoryId: string): string[] {
    if (!this.byDirectory) {
      this.byDirectory = new Map();
      for (const id of this.workspaceIds()) {
        const dir = this.workspaces.get(id)?.data.DirectoryId ?? '';
        let list = this.byDirectory.get(dir);
        if (!list) this.byDirectory.set(dir, (list = []));
        list.push(id);
      }
    }
    return this.byDirectory.get(directoryId) ?? [];
  }

  newId(prefix: 'ws' | 'wsb' | 'wsi' | 'wspool' | 'd', exists: (id: string) => boolean): string {
    for (;;) {
      const id = prefix === 'd' ? `d-${this.rng.chars(10, '0123456789abcdef')}` : `${prefix}-${this.rng.chars(9)}`;
      if (!exists(id)) {
        return id;
      }
    }
  }

  newWorkspaceId(): string {
    return this.newId('ws', (id) => this.workspaces.has(id));
  }

  /** Adds a WorkSpace (tests, seeds, CreateWorkspaces). Missing fields get plausible values. */
  addWorkspace(
    data: Partial<Workspace> & { DirectoryId: string; UserName: string; BundleId: string },
    opts: {
      connection?: WorkspaceRecord['connection'];
      stateSince?: number;
      tags?: Tag[];
      /** Launch time (ms); default: long ago (30 to 730 days, fixed by the id). */
      createdAt?: number;
    } = {},
  ): WorkspaceRecord {
    const id = data.WorkspaceId ?? this.newWorkspaceId();
    const createdAt = opts.createdAt ?? this.now() - defaultAgeMs(id);
    if (this.workspaces.has(id)) {
      throw new Error(`WorkSpace ${id} already exists`);
    }
    const rec: WorkspaceRecord = {
      data: {
        State: 'AVAILABLE',
        IpAddress: `10.${this.rng.int(0, 3)}.${this.rng.int(0, 255)}.${this.rng.int(4, 254)}`,
        ComputerName: `WSAMZN-${this.rng.chars(8, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`,
        SubnetId: `subnet-${this.rng.chars(17, '0123456789abcdef')}`,
        UserVolumeEncryptionEnabled: false,
        RootVolumeEncryptionEnabled: false,
        WorkspaceProperties: {
          RunningMode: 'AUTO_STOP',
          RunningModeAutoStopTimeoutInMinutes: 60,
          RootVolumeSizeGib: 80,
          UserVolumeSizeGib: 50,
          ComputeTypeName: 'STANDARD',
          Protocols: ['WSP'],
          OperatingSystemName: 'WINDOWS_SERVER_2022',
        },
        ...data,
        WorkspaceId: id,
      },
      stateSince: opts.stateSince ?? this.now(),
      steps: [],
      connection: opts.connection ?? { state: 'DISCONNECTED' },
      createdAt,
      modified: {},
      snapshotSchedule: { from: createdAt, firstAfterMs: FIRST_SNAPSHOT_MS },
    };
    this.workspaces.set(id, rec);
    this.sortedIds = undefined;
    this.byDirectory = undefined;
    if (opts.tags && opts.tags.length > 0) {
      this.tags.set(
        id,
        opts.tags.map((t) => ({ ...t })),
      );
    }
    return rec;
  }

  removeWorkspace(id: string): void {
    this.workspaces.delete(id);
    this.hidden.delete(id);
    this.tags.delete(id);
    this.moving.delete(`ws|${id}`);
    this.sortedIds = undefined;
    this.byDirectory = undefined;
  }

  /**
   * Moves a WorkSpace now. With `then`, it moves on to that state after `afterMs` (default:
   * transitionMs); with `steps`, through several timed states (GONE removes it).
   */
  setState(
    id: string,
    state: WorkspaceState,
    opts: { then?: WorkspaceState; afterMs?: number; steps?: Array<Step<WorkspaceState>>; since?: number } = {},
  ): void {
    const rec = this.requireWorkspace(id);
    const now = this.now();
    rec.data.State = state;
    rec.stateSince = opts.since ?? now;
    rec.steps = opts.steps
      ? [...opts.steps]
      : opts.then
        ? [{ at: now + (opts.afterMs ?? this.config.transitionMs), state: opts.then }]
        : [];
    if (state !== 'ERROR') {
      delete rec.data.ErrorCode;
      delete rec.data.ErrorMessage;
    }
    this.track('ws', id, rec.steps.length > 0 || rec.modification !== undefined);
  }

  /** Starts an asynchronous transition: `via` now, `to` after transitionMs (`to` GONE-aware for terminate). */
  transition(id: string, via: WorkspaceState, to: WorkspaceState): void {
    const now = this.now();
    const t = this.config.transitionMs;
    if (to === 'TERMINATED') {
      this.setState(id, via, {
        steps: [
          { at: now + t, state: 'TERMINATED' },
          { at: now + 2 * t, state: GONE },
        ],
      });
    } else {
      this.setState(id, via, { then: to });
    }
  }

  setPoolState(id: string, state: WorkspacesPoolState, then?: WorkspacesPoolState, afterMs?: number): void {
    const rec = this.pools.get(id);
    if (!rec) {
      throw new Error(`no pool ${id}`);
    }
    const now = this.now();
    rec.data.State = state;
    rec.stateSince = now;
    rec.steps = then ? [{ at: now + (afterMs ?? this.config.transitionMs), state: then }] : [];
    this.track('pool', id, rec.steps.length > 0);
  }

  /** Registers records whose `steps` were set directly (seeds). */
  trackSteps(): void {
    for (const [id, rec] of this.workspaces) {
      this.track('ws', id, rec.steps.length > 0 || rec.modification !== undefined);
    }
    for (const [id, rec] of this.pools) {
      this.track('pool', id, rec.steps.length > 0);
    }
  }

  setConnection(id: string, state: 'CONNECTED' | 'DISCONNECTED', lastConnected?: number): void {
    const rec = this.requireWorkspace(id);
    rec.connection = {
      state,
      lastConnected: lastConnected ?? (state === 'CONNECTED' ? this.now() : rec.connection.lastConnected),
    };
  }

  connectionStatus(rec: WorkspaceRecord, now = this.now()): WorkspaceConnectionStatus {
    const known = CONNECTION_KNOWN.has(rec.data.State);
    const state: ConnectionState = known ? rec.connection.state : 'UNKNOWN';
    // The service checks connections periodically: report the last whole minute.
    const checked = Math.max(Math.floor(now / 60_000) * 60_000, rec.connection.lastConnected ?? 0);
    return {
      WorkspaceId: rec.data.WorkspaceId,
      ConnectionState: state,
      ConnectionStateCheckTimestamp: new Date(checked),
      ...(rec.connection.lastConnected !== undefined
        ? { LastKnownUserConnectionTimestamp: new Date(rec.connection.lastConnected) }
        : {}),
    };
  }

  /** A settled deep copy of a WorkSpace, or undefined when it does not exist (any more). */
  getWorkspace(id: string): Workspace | undefined {
    this.settle();
    const rec = this.workspaces.get(id);
    return rec ? structuredClone(rec.data) : undefined;
  }

  requireWorkspace(id: string): WorkspaceRecord {
    const rec = this.workspaces.get(id);
    if (!rec) {
      throw new Error(`no WorkSpace ${id} in ${this.accountId}/${this.region}`);
    }
    return rec;
  }

  /**
   * The newest snapshots of a WorkSpace at `now` (undefined: none yet). Rebuild snapshots (user
   * volume) are taken every 12 hours whatever the health; restore snapshots (root and user volume)
   * only while the WorkSpace is healthy: for one in ERROR / UNHEALTHY / IMPAIRED, the newest restore
   * snapshot is the last one before it became unhealthy (admin guide, "Restore a WorkSpace").
   */
  snapshots(rec: WorkspaceRecord, now = this.now()): { rebuild?: number; restore?: number } {
    const first = rec.snapshotSchedule.from + rec.snapshotSchedule.firstAfterMs;
    const newestBefore = (t: number): number | undefined =>
      t < first ? undefined : first + Math.floor((t - first) / SNAPSHOT_INTERVAL_MS) * SNAPSHOT_INTERVAL_MS;
    const rebuild = newestBefore(now);
    const healthyUntil = UNHEALTHY.has(rec.data.State) ? Math.min(now, rec.stateSince - 1) : now;
    const restore = newestBefore(healthyUntil);
    return {
      ...(rebuild !== undefined ? { rebuild } : {}),
      ...(restore !== undefined ? { restore } : {}),
    };
  }

  /** Makes a user unknown to a directory (CreateWorkspaces then fails with ResourceNotFound.User). */
  removeUser(directoryId: string, userName: string): void {
    this.missingUsers.add(`${directoryId}/${userName.toLowerCase()}`);
  }

  findBundle(id: string): BundleData | undefined {
    return this.bundles.get(id) ?? this.amazonBundles.find((b) => b.BundleId === id);
  }

  /** Marks an image fixed: AVAILABLE, errors cleared. */
  fixImage(id: string): void {
    const img = this.images.get(id);
    if (!img) {
      throw new Error(`no image ${id}`);
    }
    img.State = 'AVAILABLE';
    delete img.ErrorCode;
    delete img.ErrorMessage;
    delete img.ErrorDetails;
  }

  private track(kind: 'ws' | 'pool', id: string, moving: boolean): void {
    if (moving) {
      this.moving.add(`${kind}|${id}`);
    } else {
      this.moving.delete(`${kind}|${id}`);
    }
  }
}
