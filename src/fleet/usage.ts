// Usage and cost advice per scope (profile × region), fetched on demand: when a person expands a
// scope's "Cost & usage" row or opens the fleet report, never with the listing. One read is
// CloudWatch UserConnected (hourly Maximum) of every listed WorkSpace for this month and the last
// (src/aws/cloudwatch.ts: ⌈N / ⌊100,800 / hours⌋⌉ calls per month); last month's figures are kept
// for the next refresh (a past month does not change), so a refresh reads this month only. The
// advice itself is not stored: it is computed from these figures and the WorkSpace as the tree
// knows it now (running mode, state, tags, connection), so an applied change shows at once.
//
// The skip tag: tags are not part of a listing (DescribeTags takes one WorkSpace a call, at the
// WorkSpaces API's 2 calls/s). After a read, the tags of the WorkSpaces whose advice is a change are
// read in the background, two calls at a time (so listings and a person's calls keep their turn);
// "Apply Recommendation" reads any still unknown before it acts. Never imports `vscode`.
import { EventEmitter, setMaxListeners } from 'node:events';
import type { WorkspacesApi } from '../aws/api';
import type { CloudWatchApi } from '../aws/cloudwatch';
import type { Clock } from '../core/clock';
import { AwsError, toScopeError, type ScopeError } from '../core/errors';
import type { WorkspaceView } from '../core/present';
import {
  advise,
  elapsedHours,
  monthOf,
  monthUsage,
  previousMonth,
  timeoutHoursOf,
  type Advice,
  type CostSettings,
  type Month,
  type MonthUsage,
  type WorkspaceUsage,
} from '../core/usage';
import type { ScopeModel } from './scopeModel';

export type UsageState = 'idle' | 'loading' | 'loaded' | 'error';

/**
 * Kinds of advice whose WorkSpaces get their tags read (the skip tag would change them). A 'keep'
 * WorkSpace's tags are not read for it (one DescribeTags per WorkSpace at the API's 2 calls/s): it
 * shows as skipped once its tags are known (a hover, an export, Apply Recommendation).
 */
const CHANGES: ReadonlySet<string> = new Set(['toAlwaysOn', 'onPace', 'toAutoStop', 'unused']);
/** Background tag reads at a time (each waits for its turn in the WorkSpaces scheduler). */
const TAG_WORKERS = 2;

export interface UsageStats {
  /** GetMetricData calls of the last read. */
  calls: number;
  /** Metrics named (what CloudWatch bills, per 1,000). */
  metrics: number;
  points: number;
}

/** The usage of one scope. */
export class ScopeUsage {
  state: UsageState = 'idle';
  error?: ScopeError;
  /** WorkSpace id → its figures. */
  readonly records = new Map<string, WorkspaceUsage>();
  thisMonth?: Month;
  lastMonth?: Month;
  startedAt?: number;
  loadedAt?: number;
  /** WorkSpaces read so far in the current read. */
  progress = { done: 0, total: 0 };
  stats: UsageStats = { calls: 0, metrics: 0, points: 0 };
  /** Tag reads still to do for the skip tag. */
  tagsPending = 0;
  /** Last month's figures by id, kept across reads of the same month. */
  lastMonthCache: { key: string; byId: Map<string, MonthUsage> } = { key: '', byId: new Map() };
}

export interface UsageDeps {
  cloudwatch(model: ScopeModel): Promise<CloudWatchApi>;
  workspaces(model: ScopeModel): Promise<WorkspacesApi>;
  settings(): CostSettings;
  /** The one clock (tests and the bench pin it): this month, idle months, the advice. */
  clock: Clock;
  log?: { info(message: string): void; warn(message: string): void };
}

export interface AdvisedWorkspace {
  ws: WorkspaceView;
  advice: Advice;
}

export class FleetUsage extends EventEmitter<{ change: [ScopeModel] }> {
  private readonly usages = new WeakMap<ScopeModel, ScopeUsage>();
  private readonly inFlight = new WeakMap<ScopeModel, Promise<void>>();
  private readonly aborts = new WeakMap<ScopeModel, AbortController>();
  private readonly live = new Set<AbortController>();

  constructor(private readonly deps: UsageDeps) {
    super();
  }

  now(): number {
    return this.deps.clock.now();
  }

  settings(): CostSettings {
    return this.deps.settings();
  }

  /** The usage of a scope (idle until read). */
  of(model: ScopeModel): ScopeUsage {
    let u = this.usages.get(model);
    if (!u) this.usages.set(model, (u = new ScopeUsage()));
    return u;
  }

  /** Starts a read of a scope that was never read. */
  ensureLoaded(model: ScopeModel): void {
    if (this.of(model).state === 'idle') void this.load(model);
  }

  /** Reads (or re-reads) a scope's usage; a read in flight is joined. Never throws. */
  load(model: ScopeModel): Promise<void> {
    const running = this.inFlight.get(model);
    if (running) return running;
    const p = this.doLoad(model).finally(() => {
      if (this.inFlight.get(model) === p) this.inFlight.delete(model);
    });
    this.inFlight.set(model, p);
    return p;
  }

  /** The advice for one WorkSpace (undefined until the scope's usage was read). */
  advice(model: ScopeModel, id: string): Advice | undefined {
    const u = this.usages.get(model);
    const ws = model.workspaces.items.get(id);
    if (!u || !ws || (u.state !== 'loaded' && u.records.size === 0)) return undefined;
    return advise(ws, u.records.get(id), this.settings(), this.now());
  }

  /** Every WorkSpace of a read scope with its advice (empty until read). */
  advised(model: ScopeModel): AdvisedWorkspace[] {
    const u = this.usages.get(model);
    if (!u || (u.state !== 'loaded' && u.records.size === 0)) return [];
    const s = this.settings();
    const now = this.now();
    return [...model.workspaces.items.values()].map((ws) => ({
      ws,
      advice: advise(ws, u.records.get(ws.WorkspaceId ?? ''), s, now),
    }));
  }

  dispose(): void {
    for (const a of this.live) a.abort();
    this.live.clear();
    this.removeAllListeners();
  }

  private async doLoad(model: ScopeModel): Promise<void> {
    const u = this.of(model);
    const abort = new AbortController();
    // Every call of the read listens to it (144 for 10,000 WorkSpaces): not a leak.
    setMaxListeners(0, abort.signal);
    this.aborts.get(model)?.abort();
    this.aborts.set(model, abort);
    this.live.add(abort);
    u.state = 'loading';
    delete u.error;
    u.startedAt = this.now();
    u.progress = { done: 0, total: model.workspaces.items.size };
    this.emit('change', model);
    try {
      if (model.workspaces.state !== 'loaded') await model.load('workspaces');
      const listing = model.workspaces.error;
      if (model.workspaces.state === 'error' && listing) {
        throw new AwsError({ ...listing, message: `The WorkSpaces could not be listed: ${listing.message}` });
      }
      await this.read(model, u, abort.signal);
      u.state = 'loaded';
      u.loadedAt = this.now();
      const { profile, region } = model.scope;
      this.deps.log?.info(
        `${profile} ${region}: usage of ${u.records.size} WorkSpaces read from CloudWatch in ${u.loadedAt - u.startedAt} ms (${u.stats.calls} GetMetricData calls, ${u.stats.metrics} metrics, ${u.stats.points} points)`,
      );
    } catch (e) {
      if (abort.signal.aborted) return;
      u.state = 'error';
      u.error = toScopeError(e);
      this.deps.log?.warn(
        `${model.scope.profile} ${model.scope.region}: usage could not be read: ${u.error.code}: ${u.error.message}`,
      );
    } finally {
      this.live.delete(abort);
    }
    this.emit('change', model);
    if (u.state === 'loaded') void this.checkTags(model, u, abort.signal);
  }

  /** One read: this month (and last month for the WorkSpaces not read yet), both at once. */
  private async read(model: ScopeModel, u: ScopeUsage, signal: AbortSignal): Promise<void> {
    const now = this.now();
    const settings = this.settings();
    const thisMonth = monthOf(now);
    const lastMonth = previousMonth(thisMonth);
    const workspaces = [...model.workspaces.items.values()].filter((w) => w.WorkspaceId);
    const ids = workspaces.map((w) => w.WorkspaceId as string);
    const timeouts = new Map(workspaces.map((w) => [w.WorkspaceId as string, timeoutHoursOf(w, settings)]));
    if (u.lastMonthCache.key !== lastMonth.key) u.lastMonthCache = { key: lastMonth.key, byId: new Map() };
    const cache = u.lastMonthCache;
    const missing = ids.filter((id) => !cache.byId.has(id));
    const cw = await this.deps.cloudwatch(model);
    const current = elapsedHours(thisMonth, now);
    const past = elapsedHours(lastMonth, now);
    u.progress = { done: 0, total: ids.length + missing.length };
    let before = 0;
    const progress = (): ((done: number) => void) => {
      const base = { last: 0 };
      return (done) => {
        before += done - base.last;
        base.last = done;
        u.progress = { done: before, total: ids.length + missing.length };
        this.emit('change', model);
      };
    };
    const o = { abortSignal: signal, priority: 'interactive' as const };
    const [a, b] = await Promise.all([
      cw.userConnectedHourly(ids, current, { ...o, onProgress: progress() }),
      cw.userConnectedHourly(missing, past, { ...o, onProgress: progress() }),
    ]);
    for (const [id, series] of b.series) cache.byId.set(id, monthUsage(lastMonth.key, series, timeouts.get(id) ?? 1));
    u.records.clear();
    for (const w of workspaces) {
      const id = w.WorkspaceId as string;
      const series = a.series.get(id);
      const last = cache.byId.get(id);
      u.records.set(id, {
        mode: w.WorkspaceProperties?.RunningMode,
        thisMonth: series ? monthUsage(thisMonth.key, series, timeouts.get(id) ?? 1) : undefined,
        lastMonth: last,
      });
    }
    u.thisMonth = thisMonth;
    u.lastMonth = lastMonth;
    u.stats = {
      calls: a.stats.calls + b.stats.calls,
      metrics: a.stats.metrics + b.stats.metrics,
      points: a.stats.points + b.stats.points,
    };
    const incomplete = [...a.stats.incomplete, ...b.stats.incomplete];
    if (incomplete.length > 0) {
      this.deps.log?.warn(
        `${model.scope.profile} ${model.scope.region}: CloudWatch did not complete the usage of ${incomplete.length} WorkSpaces (${incomplete.slice(0, 5).join(', ')}…)`,
      );
    }
  }

  /**
   * Reads, in the background and two at a time, the tags of the WorkSpaces whose advice is a
   * change and whose tags are unknown: the skip tag decides whether the advice stands.
   */
  private async checkTags(model: ScopeModel, u: ScopeUsage, signal: AbortSignal): Promise<void> {
    if (this.settings().skipTag.trim() === '') return;
    const todo = this.advised(model)
      .filter((a) => CHANGES.has(a.advice.kind) && a.ws.tags === undefined && a.ws.WorkspaceId)
      .map((a) => a.ws.WorkspaceId as string);
    if (todo.length === 0) return;
    u.tagsPending = todo.length;
    this.emit('change', model);
    let api: WorkspacesApi;
    try {
      api = await this.deps.workspaces(model);
    } catch {
      u.tagsPending = 0;
      return;
    }
    const worker = async (): Promise<void> => {
      for (let id = todo.shift(); id !== undefined && !signal.aborted; id = todo.shift()) {
        try {
          const tags = await api.tags(id, { priority: 'background', abortSignal: signal });
          model.patchWorkspaces([id], (w) => ({ ...w, tags }));
        } catch (e) {
          if (signal.aborted) break;
          this.deps.log?.warn(`Tags of ${id} could not be read for the skip tag: ${toScopeError(e).message}`);
        }
        u.tagsPending = Math.max(0, u.tagsPending - 1);
      }
    };
    await Promise.all(Array.from({ length: TAG_WORKERS }, worker));
    u.tagsPending = 0;
    if (!signal.aborted) this.emit('change', model);
  }
}
