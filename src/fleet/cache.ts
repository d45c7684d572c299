// The persistent fleet cache: what the tree showed of each scope (profile × region) after its last
// complete listing, so the next window opens with every row at once and revalidates in the
// background. One gzip'd JSON file per scope under the extension's global storage folder.
//
// - Versioned: a file of another format version (or damaged, or written for other profile
//   settings) is ignored and replaced by the next save.
// - Keyed by profile, region and the profile's settings fingerprint (a hash of its non-secret
//   settings, computed by the AWS layer): a profile whose settings change stops matching its entry.
// - Never credentials: only what the WorkSpaces API returned (directories, WorkSpaces with their
//   connection status and the tags already loaded, images, pools) plus when each was read.
// - Off the hot path: saves are debounced per scope, serialised after a macrotask and compressed
//   with zlib on libuv's thread pool; the file is replaced atomically (write + rename).
// - Private: the folder is 0700 and the files 0600 (what a person's fleet looks like is nobody
//   else's to read); leftovers of writers that died between write and rename are removed when
//   the cache opens; an entry that would decompress to more than MAX_ENTRY_BYTES is damaged.
// Never imports `vscode`: the VS Code layer passes the folder (context.globalStorageUri).
import { createHash, randomUUID } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { WorkspaceDirectory, WorkspaceImage, WorkspacesPool } from '@aws-sdk/client-workspaces';
import type { Clock } from '../core/clock';
import type { WorkspaceView } from '../core/present';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Bump when the stored shape changes: older files are then ignored and rewritten. */
export const CACHE_VERSION = 2; // 2: partial sections and rows with readAt (windows sharing the fleet)
const FORMAT = 'workspaces-fleet-cache';
/** The most one entry may decompress to (10,000 WorkSpaces take about 7 MB): a bigger one is
 *  damaged (a gzip bomb), dropped before it costs more memory than this. */
export const MAX_ENTRY_BYTES = 256 * 1024 * 1024;
/** A temporary file older than this is a dead writer's leftover, whatever its pid. */
export const LEFTOVER_AGE_MS = 60_000;
/** `<entry>.json.gz.<pid>.<…>.tmp`: the writer's pid is in the name. */
const TMP_NAME = /^[0-9a-f]{16}-[0-9a-f]{16}\.json\.gz\.(\d+)\.[^/]*\.tmp$/;
let tmpSeq = 0;

export interface CachedSection<T> {
  /** When the listing that produced these items completed (ms since the epoch); for a partial one,
   *  when it started. */
  loadedAt: number;
  /** A listing still running when this was written (another window follows it): no deletions, not fresh. */
  partial?: boolean;
  items: T[];
}

/** What is stored of one scope. */
export interface ScopeSnapshot {
  profile: string;
  region: string;
  /** The profile's settings fingerprint when the data was read. */
  fingerprint: string;
  /** The account id, once known (directories' IAM role ARN). */
  accountId?: string;
  directories?: CachedSection<WorkspaceDirectory>;
  workspaces?: CachedSection<WorkspaceView>;
  images?: CachedSection<WorkspaceImage>;
  pools?: CachedSection<WorkspacesPool>;
  /** When the extension first saw each WorkSpace (ms): "never connected" counts from there when
   *  AWS does not say when a WorkSpace was created. */
  firstSeen?: Record<string, number>;
}

interface StoredFile extends ScopeSnapshot {
  format: typeof FORMAT;
  version: number;
  savedAt: number;
}

export interface CacheLogger {
  debug(message: string): void;
  warn(message: string): void;
}

export interface FleetCacheOptions {
  /** The one clock: when an entry was saved (its age). */
  clock: Clock;
  /** Debounce of saves per scope (ms). Default 1 500. */
  saveDelayMs?: number;
  logger?: CacheLogger;
  /** The most an entry may decompress to (bytes). Default MAX_ENTRY_BYTES. */
  maxEntryBytes?: number;
}

/** The outcome of a load, for the log and the tests. */
export type LoadResult =
  | { status: 'hit'; snapshot: ScopeSnapshot; savedAt: number; bytes: number }
  | { status: 'miss' | 'stale' | 'otherVersion' | 'damaged' };

export class FleetCache {
  private readonly pending = new Map<string, { snapshot: () => ScopeSnapshot; timer: NodeJS.Timeout; due: number }>();
  private readonly writing = new Map<string, Promise<void>>();
  private disposed = false;
  /** Entries read ahead (preload), by file, until load() takes them. */
  private preloaded?: Map<string, Promise<{ raw: Buffer; text: string }>>;
  /** Told after each write (windows sharing the folder skip their own writes: share.ts). */
  onWritten?: (profile: string, region: string, written: { savedAt: number; mtimeMs: number; size: number }) => void;
  private opened?: Promise<void>;

  constructor(
    readonly dir: string,
    private readonly opts: FleetCacheOptions,
  ) {}

  /** The file of a scope: hashed names keep profile names (any characters) out of paths. */
  fileOf(profile: string, region: string): string {
    return join(this.dir, `${hash(profile)}-${hash(region)}.json.gz`);
  }

  /**
   * Starts reading and unpacking every entry of the folder (on libuv's threads), so that a window
   * opening has them while it still loads the AWS layer and reads the profiles; load() takes them.
   */
  preload(): void {
    if (this.preloaded) return;
    const preloaded = new Map<string, Promise<{ raw: Buffer; text: string }>>();
    this.preloaded = preloaded;
    const maxOutputLength = this.opts.maxEntryBytes ?? MAX_ENTRY_BYTES;
    void readdir(this.dir)
      .then((names) => {
        for (const n of names) {
          if (!n.endsWith('.json.gz')) continue;
          const p = readFile(join(this.dir, n)).then(async (raw) => ({
            raw,
            text: (await gunzipAsync(raw, { maxOutputLength })).toString('utf8'),
          }));
          p.catch(() => undefined);
          preloaded.set(join(this.dir, n), p);
        }
      })
      .catch(() => undefined);
  }

  /** A small JSON document kept beside the entries (an organisation's account list); undefined when none. */
  async loadJson<T>(name: string): Promise<T | undefined> {
    try {
      return JSON.parse(await readFile(join(this.dir, `${hash(name)}.json`), 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  /** Writes a small JSON document beside the entries (0600, atomically). */
  async saveJson(name: string, value: unknown): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const file = join(this.dir, `${hash(name)}.json`);
    const tmp = `${file}.${process.pid}.${++tmpSeq}.${randomUUID()}.tmp`;
    await writeFile(tmp, JSON.stringify(value), { mode: 0o600 });
    await rename(tmp, file);
  }

  /** Forgets what preload() read and no load() took (scopes not shown). */
  endPreload(): void {
    this.preloaded?.clear();
  }

  /** Reads a scope's entry; anything but a matching entry of this version is ignored. */
  async load(profile: string, region: string, fingerprint: string): Promise<LoadResult> {
    // The folder's housekeeping (modes, dead writers' files) runs alongside, off the way of the rows.
    void this.tidy();
    const file = this.fileOf(profile, region);
    const early = this.preloaded?.get(file);
    this.preloaded?.delete(file);
    let raw: Buffer;
    let text: string | undefined;
    try {
      if (early) ({ raw, text } = await early.catch(() => ({ raw: Buffer.alloc(0), text: undefined })));
      else raw = await readFile(file);
      if (early && text === undefined) raw = await readFile(file);
    } catch {
      return { status: 'miss' };
    }
    let stored: StoredFile;
    try {
      const maxOutputLength = this.opts.maxEntryBytes ?? MAX_ENTRY_BYTES;
      text ??= (await gunzipAsync(raw, { maxOutputLength })).toString('utf8');
      // A plain parse, then the dates put back (a reviver would be called for every value: 3× slower).
      stored = reviveDates(JSON.parse(text)) as StoredFile;
      if (stored === null || typeof stored !== 'object' || stored.format !== FORMAT) {
        throw new Error('not a cache file');
      }
    } catch (e) {
      this.opts.logger?.warn(
        `Cached data of ${profile} ${region} is damaged and is ignored (${e instanceof Error ? e.message : String(e)}); it is rewritten after the next listing.`,
      );
      await rm(file, { force: true }).catch(() => undefined);
      return { status: 'damaged' };
    }
    if (stored.version !== CACHE_VERSION) return { status: 'otherVersion' };
    if (stored.profile !== profile || stored.region !== region || stored.fingerprint !== fingerprint) {
      return { status: 'stale' };
    }
    const snapshot: ScopeSnapshot = { profile, region, fingerprint };
    if (stored.accountId) snapshot.accountId = stored.accountId;
    for (const s of ['directories', 'workspaces', 'images', 'pools'] as const) {
      const sec = stored[s];
      if (sec && Array.isArray(sec.items) && typeof sec.loadedAt === 'number') {
        (snapshot as unknown as Record<string, unknown>)[s] = sec;
      }
    }
    if (stored.firstSeen && typeof stored.firstSeen === 'object') snapshot.firstSeen = stored.firstSeen;
    return { status: 'hit', snapshot, savedAt: stored.savedAt, bytes: raw.length };
  }

  /**
   * Schedules a save of a scope. `snapshot` is called when the save runs (after the debounce), so
   * a burst of changes is written once, with the latest data. `delayMs` (default the debounce):
   * a save already due sooner is kept (with the newer snapshot).
   */
  save(profile: string, region: string, snapshot: () => ScopeSnapshot, delayMs = this.opts.saveDelayMs ?? 1500): void {
    if (this.disposed) return;
    const key = `${profile}\u0000${region}`;
    // A deadline, not a date: the monotonic clock.
    const due = performance.now() + delayMs;
    const prev = this.pending.get(key);
    if (prev && prev.due <= due) {
      // An earlier save is already due: it writes the latest data.
      prev.snapshot = snapshot;
      return;
    }
    if (prev) clearTimeout(prev.timer);
    const timer = setTimeout(() => {
      const p = this.pending.get(key);
      this.pending.delete(key);
      void this.write(key, p?.snapshot ?? snapshot);
    }, delayMs);
    timer.unref?.();
    this.pending.set(key, { snapshot, timer, due });
  }

  /** Writes every scheduled save now and waits for the writes in progress. */
  async flush(): Promise<void> {
    for (const [key, p] of [...this.pending]) {
      clearTimeout(p.timer);
      this.pending.delete(key);
      void this.write(key, p.snapshot);
    }
    await Promise.all([...this.writing.values()]);
  }

  /** Writes one scope's scheduled save now (if any) and waits for its writes. */
  async flushScope(profile: string, region: string): Promise<void> {
    const key = `${profile}\u0000${region}`;
    const p = this.pending.get(key);
    if (p) {
      clearTimeout(p.timer);
      this.pending.delete(key);
      void this.write(key, p.snapshot);
    }
    await this.writing.get(key);
  }

  /** Removes the entries of a profile (removed, or its settings changed). */
  async dropProfile(profile: string): Promise<void> {
    for (const [key, p] of [...this.pending]) {
      if (key.startsWith(`${profile}\u0000`)) {
        clearTimeout(p.timer);
        this.pending.delete(key);
      }
    }
    await Promise.all([...this.writing.values()]);
    const prefix = `${hash(profile)}-`;
    const names = await readdir(this.dir).catch(() => [] as string[]);
    await Promise.all(names.filter((n) => n.startsWith(prefix)).map((n) => rm(join(this.dir, n), { force: true })));
  }

  /** Removes every entry whose profile is not in `keep` (profiles removed from the shared files). */
  async retainProfiles(keep: readonly string[]): Promise<number> {
    const prefixes = new Set(keep.map((p) => `${hash(p)}-`));
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const gone = names.filter((n) => n.endsWith('.json.gz') && !prefixes.has(n.slice(0, n.indexOf('-') + 1)));
    await Promise.all(gone.map((n) => rm(join(this.dir, n), { force: true })));
    return gone.length;
  }

  /** Empties the cache ("Clear Cached Fleet Data"). */
  async clear(): Promise<void> {
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
    await Promise.all([...this.writing.values()]);
    await rm(this.dir, { recursive: true, force: true });
  }

  /** Total size on disk (bytes) and number of entries. */
  async size(): Promise<{ entries: number; bytes: number }> {
    const names = (await readdir(this.dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json.gz'));
    let bytes = 0;
    for (const n of names) bytes += (await readFile(join(this.dir, n)).catch(() => Buffer.alloc(0))).length;
    return { entries: names.length, bytes };
  }

  /** Stops scheduling; writes already scheduled are dropped (call flush() first to keep them). */
  dispose(): void {
    this.disposed = true;
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
  }

  private write(key: string, snapshot: () => ScopeSnapshot): Promise<void> {
    // Writes of one scope never overlap: the next one starts after the previous one.
    const before = this.writing.get(key) ?? Promise.resolve();
    const p = before
      .then(() => this.writeNow(snapshot()))
      .catch((e: unknown) => {
        this.opts.logger?.warn(`Saving the fleet cache failed: ${e instanceof Error ? e.message : String(e)}`);
      })
      .finally(() => {
        if (this.writing.get(key) === p) this.writing.delete(key);
      });
    this.writing.set(key, p);
    return p;
  }

  /**
   * Once, before the first read or write: makes an existing folder private (older versions left
   * it 0755) and removes the temporary files of writers that died. Never fails.
   */
  /** The folder's housekeeping (its mode, dead writers' temporary files), once per cache; load() starts it. */
  tidy(): Promise<void> {
    this.opened ??= (async () => {
      await chmod(this.dir, 0o700).catch(() => undefined);
      // The file system's now (chmod just set the folder's ctime): file times are the kernel's,
      // whatever clock the product is pinned to (or faketime fakes). Where chmod leaves ctime
      // alone (Windows) the tmp files look young and only a dead pid removes them.
      const fsNow = (await stat(this.dir).catch(() => undefined))?.ctimeMs;
      if (fsNow === undefined) return;
      const names = await readdir(this.dir).catch(() => [] as string[]);
      await Promise.all(names.map((n) => removeLeftover(this.dir, n, fsNow)));
    })();
    return this.opened;
  }

  private async writeNow(s: ScopeSnapshot): Promise<void> {
    const savedAt = this.opts.clock.now();
    const stored: StoredFile = { format: FORMAT, version: CACHE_VERSION, savedAt, ...s };
    const json = JSON.stringify(stored, replace);
    const data = await gzipAsync(Buffer.from(json, 'utf8'), { level: 6 });
    await this.tidy();
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const file = this.fileOf(s.profile, s.region);
    // Unique across windows (the pid), writes of this one (the counter) and anything else.
    const tmp = `${file}.${process.pid}.${++tmpSeq}.${randomUUID()}.tmp`;
    await writeFile(tmp, data, { mode: 0o600 });
    await rename(tmp, file);
    if (this.onWritten) {
      const st = await stat(file).catch(() => undefined);
      if (st) this.onWritten(s.profile, s.region, { savedAt, mtimeMs: st.mtimeMs, size: st.size });
    }
    this.opts.logger?.debug(
      `Cached ${s.profile} ${s.region}: ${s.workspaces?.items.length ?? 0} WorkSpaces, ${(data.length / 1024).toFixed(0)} KiB`,
    );
  }
}

/** Removes `name` when it is a temporary file of a dead writer (its pid gone, or older than a minute at `now`). */
async function removeLeftover(dir: string, name: string, now: number): Promise<void> {
  const m = TMP_NAME.exec(name);
  if (!m) return;
  const path = join(dir, name);
  const st = await stat(path).catch(() => undefined);
  if (!st?.isFile()) return;
  const old = now - st.mtimeMs > LEFTOVER_AGE_MS;
  if (old || !pidAlive(Number(m[1]))) await rm(path, { force: true }).catch(() => undefined);
}

function pidAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, as another user's process.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function hash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 16);
}

/** Dates (the SDK parses timestamps into Date objects) survive the round trip as { $date: ms }. */
function replace(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  return raw instanceof Date ? { $date: raw.getTime() } : value;
}

/** Turns every { $date: ms } back into a Date, in place (objects and arrays only are walked). */
function reviveDates(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const e: unknown = value[i];
      if (e !== null && typeof e === 'object') value[i] = reviveDates(e);
    }
    return value;
  }
  const o = value as Record<string, unknown>;
  if (typeof o.$date === 'number' && Object.keys(o).length === 1) return new Date(o.$date);
  for (const k in o) {
    const e = o[k];
    if (e !== null && typeof e === 'object') o[k] = reviveDates(e);
  }
  return o;
}
