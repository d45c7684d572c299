// One listing for every window. Each VS Code window runs its own extension host, but all of them
// share the extension's global storage (the fleet cache) and each account's one API quota. Through
// that folder the windows agree on who lists what:
// - a scope's listing (directories + WorkSpaces) is sent by one window at a time: the one holding
//   the scope's lease (lease.ts: a file with a heartbeat; a crashed window's lease lapses);
// - the others follow: they show what the holder writes to the scope's cache file (partial
//   snapshots while it lists, when other windows are there to see them; the whole one after), and
//   take the listing over when the lease lapses before the data is fresh;
// - data younger than the freshness window is shown as is, never re-listed at open (Refresh always
//   re-lists);
// - moving WorkSpaces are polled by the lease holder only; every window sees the result through
//   the shared data, and sends its own actions itself (rows carry `readAt`, so a merge keeps the
//   newest copy of each row, whoever wrote it).
// Each window also writes a presence file (windows/<id>.json) with its heartbeat, so a holder knows
// whether anyone follows (partial snapshots and quick row saves cost nothing when no one does).
// Never imports `vscode`.
import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Clock } from '../core/clock';
import { errorMessage } from '../core/errors';
import type { FleetCache } from './cache';
import { DEFAULT_LEASE_TIMING, Lease, type LeaseTiming } from './lease';
import type { ModelLogger, Section } from './sections';
import type { ScopeModel } from './scopeModel';

export interface ShareOptions {
  /** This window's id (unique per extension host). */
  windowId: string;
  /** The clock every window reads (leases and ages are compared across processes). */
  clock: Clock;
  /** Data younger than this is shown without a listing when a window opens (ms). */
  freshnessMs: number;
  timing?: Partial<LeaseTiming>;
  /** How often followed scopes' files are checked when the file watcher misses a change (ms). */
  pollMs?: number;
  logger?: ModelLogger;
}

/** Default freshness window: a listing younger than this is not repeated when a window opens. */
export const DEFAULT_FRESHNESS_MS = 5 * 60_000;

/** The listing sections a lease covers; images and pools (a call or two, on demand) are not coordinated. */
const LISTING: readonly Section[] = ['directories', 'workspaces'];

/** What this window knows of another window's listing of a scope (the view says it). */
export interface SharedListing {
  /** The window that lists it. */
  readonly by: string;
  /** When this window started following it. */
  readonly since: number;
}

interface ScopeShare {
  readonly lease: Lease;
  /** This window holds the lease (it lists or polls the scope). */
  holding: boolean;
  /** Another window lists it: this one shows what it writes. */
  following?: SharedListing;
  /** The last snapshot applied or written (savedAt) and the file's size and mtime seen. */
  seen: { savedAt: number; mtimeMs: number; size: number };
  /** A revalidation in flight (joined). */
  revalidating?: Promise<void>;
}

/** What the Fleet does for the share (the Fleet owns the models and the cache entries). */
export interface ShareHost {
  /** The live scope models. */
  models(): ScopeModel[];
  /** Reads the scope's cache entry and merges it into the model; returns its savedAt, or undefined. */
  applyShared(model: ScopeModel): Promise<number | undefined>;
  /** Writes the scope's pending cache save now. */
  flush(model: ScopeModel): Promise<void>;
}

export class FleetShare {
  private readonly scopes = new WeakMap<ScopeModel, ScopeShare>();
  private readonly timing: LeaseTiming;
  private host?: ShareHost;
  private watcher?: FSWatcher;
  private heartbeat?: NodeJS.Timeout;
  private poll?: NodeJS.Timeout;
  private disposed = false;
  /** Other windows seen alive at the last heartbeat. */
  private others = 0;
  private readonly windowsDir: string;
  /** When this window opened (started sharing). */
  private openedAt = Number.POSITIVE_INFINITY;

  constructor(
    private readonly cache: FleetCache,
    private readonly o: ShareOptions,
  ) {
    this.timing = { ...DEFAULT_LEASE_TIMING, ...o.timing };
    this.windowsDir = join(cache.dir, 'windows');
  }

  get windowId(): string {
    return this.o.windowId;
  }

  /** Starts the heartbeat, the presence file and the watcher of the shared folder. */
  start(host: ShareHost): void {
    this.host = host;
    this.openedAt = this.o.clock.now();
    void this.beat();
    this.heartbeat = setInterval(() => void this.beat(), this.timing.heartbeatMs);
    this.heartbeat.unref?.();
    this.poll = setInterval(() => void this.checkFollowed(), this.o.pollMs ?? 2000);
    this.poll.unref?.();
    void mkdir(this.cache.dir, { recursive: true, mode: 0o700 })
      .then(() => {
        if (this.disposed) return;
        this.watcher = watch(this.cache.dir, { persistent: false }, (_event, name) => {
          if (typeof name === 'string' && name.endsWith('.json.gz')) void this.onFileChanged(name);
        });
        this.watcher.on('error', () => undefined);
      })
      .catch((e: unknown) => this.o.logger?.warn(`Watching the shared fleet folder failed: ${errorMessage(e)}`));
  }

  private state(model: ScopeModel): ScopeShare {
    let s = this.scopes.get(model);
    if (!s) {
      const file = `${this.cache.fileOf(model.scope.profile, model.scope.region)}.lease`;
      s = {
        lease: new Lease(file, this.o.windowId, this.o.clock, this.timing),
        holding: false,
        seen: { savedAt: 0, mtimeMs: 0, size: 0 },
      };
      this.scopes.set(model, s);
    }
    return s;
  }

  /** Another window lists this scope (the view says so), or undefined. */
  following(model: ScopeModel): SharedListing | undefined {
    return this.scopes.get(model)?.following;
  }

  /** What this window does about a scope, in words (the log, a test's timeout). */
  describe(model: ScopeModel): string {
    const s = this.scopes.get(model);
    if (!s) return 'not shared yet';
    const fresh = LISTING.map((x) => `${x} ${this.isFresh(model, x) ? 'fresh' : 'stale'}`).join(', ');
    const role = s.holding
      ? 'holds the lease'
      : s.following
        ? `follows ${s.following.by}`
        : 'neither holds nor follows';
    return `${role}${s.revalidating ? ', revalidating' : ''}; ${fresh}${this.disposed ? '; share disposed' : ''}`;
  }

  /** True when another window was alive at the last heartbeat. */
  othersPresent(): boolean {
    return this.others > 0;
  }

  /** Notes that the model shows (or this window wrote) the entry saved at `savedAt`. */
  noteSeen(model: ScopeModel, savedAt: number): void {
    const s = this.state(model);
    if (savedAt > s.seen.savedAt) s.seen.savedAt = savedAt;
  }

  /** This window wrote the scope's entry (its own write is not merged back). */
  noteWritten(model: ScopeModel, written: { savedAt: number; mtimeMs: number; size: number }): void {
    const s = this.state(model);
    s.seen = { savedAt: Math.max(s.seen.savedAt, written.savedAt), mtimeMs: written.mtimeMs, size: written.size };
  }

  /**
   * True when the section's data (from the cache or another window) is younger than the freshness
   * window, or was listed (here or elsewhere) since this window opened.
   */
  isFresh(model: ScopeModel, section: Section): boolean {
    const st = model.section(section);
    const at = st.cachedAt ?? (st.state === 'loaded' ? st.loadedAt : undefined);
    return at !== undefined && (at >= this.openedAt || this.o.clock.now() - at < this.o.freshnessMs);
  }

  /**
   * What ensureLoaded does with a shared folder: sections whose data is fresh are left as they are;
   * the listing sections are revalidated by one window (this one when it gets the lease, else it
   * follows the holder); images and pools load here.
   */
  ensure(model: ScopeModel, sections: readonly Section[], load: (sections: readonly Section[]) => Promise<void>): void {
    // Fresh data is complete as of its time: shown as loaded (and "as of" it), not listed again.
    for (const s of sections) if (this.isFresh(model, s)) model.markFresh(s);
    const stale = sections.filter((s) => !this.isFresh(model, s));
    const listing = stale.filter((s) => LISTING.includes(s));
    const own = stale.filter((s) => !LISTING.includes(s));
    if (own.length > 0) void load(own);
    if (listing.length > 0) void this.revalidate(model, load);
  }

  /** Lists the scope here if this window gets the lease, else follows the holder. */
  private revalidate(model: ScopeModel, load: (sections: readonly Section[]) => Promise<void>): Promise<void> {
    const s = this.state(model);
    s.revalidating ??= this.doRevalidate(model, s, load).finally(() => delete s.revalidating);
    return s.revalidating;
  }

  private async doRevalidate(
    model: ScopeModel,
    s: ScopeShare,
    load: (sections: readonly Section[]) => Promise<void>,
  ): Promise<void> {
    let got: boolean;
    try {
      got = await s.lease.acquire();
    } catch (e) {
      // The shared folder is not writable: this window lists on its own, as a single window does.
      this.o.logger?.warn(`${model.key}: the listing lease could not be taken (${errorMessage(e)}); listing here`);
      got = true;
    }
    if (this.disposed || model.disposed) return;
    if (got) {
      s.holding = true;
      if (s.following) {
        delete s.following;
        model.emit('change', { section: 'workspaces' });
      }
      // Another window may have finished the listing since this one looked: its data first.
      await this.host?.applyShared(model).then((at) => at !== undefined && this.noteSeen(model, at));
      const stale = LISTING.filter((x) => !this.isFresh(model, x) && model.section(x).state !== 'loading');
      if (stale.length > 0) void load(stale);
      return;
    }
    const holder = await s.lease.holder();
    s.following = { by: holder?.owner ?? 'another window', since: this.o.clock.now() };
    model.emit('change', { section: 'workspaces' });
    this.o.logger?.info(`${model.key}: listed by another window (${s.following.by}); showing what it writes`);
  }

  /**
   * Whether this window may poll the scope's moving WorkSpaces: it holds the lease or gets it now.
   * Another window that holds it polls them (it sees this window's rows through the shared data).
   */
  async mayPoll(model: ScopeModel): Promise<boolean> {
    const s = this.state(model);
    if (s.holding) return true;
    try {
      if (await s.lease.acquire()) {
        s.holding = true;
        return true;
      }
    } catch {
      return true;
    }
    return false;
  }

  /** Gives the scope's lease up (the scope is gone). */
  async forget(model: ScopeModel): Promise<void> {
    const s = this.scopes.get(model);
    if (!s) return;
    this.scopes.delete(model);
    if (s.holding) await s.lease.release().catch(() => undefined);
  }

  /**
   * Every heartbeat: the presence file, the leases held (renewed while their scope lists or has
   * moving WorkSpaces, else written out and released), the followed scopes whose holder is gone.
   */
  private async beat(): Promise<void> {
    if (this.disposed || !this.host) return;
    await this.writePresence().catch(() => undefined);
    for (const model of this.host.models()) {
      const s = this.scopes.get(model);
      if (!s) continue;
      try {
        if (s.holding) await this.beatHolder(model, s);
        else if (s.following) await this.beatFollower(model, s);
      } catch (e) {
        this.o.logger?.warn(`${model.key}: the listing lease could not be kept (${errorMessage(e)})`);
      }
    }
  }

  private async beatHolder(model: ScopeModel, s: ScopeShare): Promise<void> {
    const busy = model.loading || model.movingWorkspaceIds().length > 0;
    if (busy) {
      if (!(await s.lease.renew())) {
        s.holding = false;
        this.o.logger?.warn(`${model.key}: another window took the listing over (this one was silent too long)`);
      }
      return;
    }
    // Done: what the others need is on disk before the lease goes.
    await this.host?.flush(model);
    await s.lease.release();
    s.holding = false;
  }

  private async beatFollower(model: ScopeModel, s: ScopeShare): Promise<void> {
    await this.checkOne(model, s);
    if (!s.following) return;
    if (await s.lease.holder()) return;
    // The holder is gone (closed, crashed) or done: fresh data ends the following, else take over.
    delete s.following;
    model.emit('change', { section: 'workspaces' });
    if (LISTING.every((x) => this.isFresh(model, x))) return;
    this.o.logger?.info(`${model.key}: the window that listed it is gone; taking the listing over`);
    model.ensureLoaded(LISTING);
  }

  /** The fallback of the watcher: checks the files of followed scopes (mtime and size). */
  private async checkFollowed(): Promise<void> {
    if (this.disposed || !this.host) return;
    for (const model of this.host.models()) {
      const s = this.scopes.get(model);
      if (s?.following) await this.checkOne(model, s).catch(() => undefined);
    }
  }

  private async onFileChanged(name: string): Promise<void> {
    if (this.disposed || !this.host) return;
    for (const model of this.host.models()) {
      if (basename(this.cache.fileOf(model.scope.profile, model.scope.region)) !== name) continue;
      await this.checkOne(model, this.state(model)).catch(() => undefined);
    }
  }

  /** Applies the scope's entry when its file changed since this window last looked. */
  private async checkOne(model: ScopeModel, s: ScopeShare): Promise<void> {
    const file = this.cache.fileOf(model.scope.profile, model.scope.region);
    const st = await stat(file).catch(() => undefined);
    if (!st || (st.mtimeMs === s.seen.mtimeMs && st.size === s.seen.size)) return;
    s.seen.mtimeMs = st.mtimeMs;
    s.seen.size = st.size;
    const savedAt = await this.host?.applyShared(model);
    if (savedAt !== undefined) this.noteSeen(model, savedAt);
    if (s.following && LISTING.every((x) => this.isFresh(model, x))) {
      delete s.following;
      model.emit('change', { section: 'workspaces' });
    }
  }

  private async writePresence(): Promise<void> {
    await mkdir(this.windowsDir, { recursive: true, mode: 0o700 });
    const now = this.o.clock.now();
    await writeFile(join(this.windowsDir, `${safeName(this.o.windowId)}.json`), JSON.stringify({ at: now }), {
      mode: 0o600,
    });
    let others = 0;
    for (const name of await readdir(this.windowsDir).catch(() => [] as string[])) {
      if (name === `${safeName(this.o.windowId)}.json` || !name.endsWith('.json')) continue;
      const file = join(this.windowsDir, name);
      try {
        const at = (JSON.parse(await readFile(file, 'utf8')) as { at?: unknown }).at;
        if (typeof at === 'number' && now - at < this.timing.ttlMs) others++;
        else if (typeof at !== 'number' || now - at > 10 * this.timing.ttlMs) await rm(file, { force: true });
      } catch {
        // Being written, or foreign: counted at the next beat.
      }
    }
    this.others = others;
  }

  /** Stops the heartbeat, gives up the leases held and removes the presence file. */
  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.poll) clearInterval(this.poll);
    this.watcher?.close();
    const models = this.host?.models() ?? [];
    await Promise.all(
      models.map(async (m) => {
        const s = this.scopes.get(m);
        if (!s?.holding) return;
        await this.host?.flush(m).catch(() => undefined);
        await s.lease.release().catch(() => undefined);
      }),
    );
    await rm(join(this.windowsDir, `${safeName(this.o.windowId)}.json`), { force: true }).catch(() => undefined);
  }
}

/** A window id as a file name. */
function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, '_');
}
