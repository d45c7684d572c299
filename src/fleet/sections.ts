// The shapes of a scope model's data and events: its sections and their load state, what a change
// event says, the logger and tuning it is given, the part of it the cache's side reads and writes,
// and the keys of scopes and of their items. Pure; scopeModel.ts re-exports what others use.
import type { Priority } from '../aws/scheduler';
import type { ScopeError } from '../core/errors';
import type { WorkspaceView } from '../core/present';
import type { Scope } from '../core/types';

export type Section = 'directories' | 'workspaces' | 'images' | 'pools';
export const SECTIONS: readonly Section[] = ['directories', 'workspaces', 'images', 'pools'];
/** What `ensureLoaded()` loads without arguments: images and pools wait until they are asked for. */
export const DEFAULT_SECTIONS: readonly Section[] = ['directories', 'workspaces'];

export interface LoadOptions {
  /** Where the calls queue (default 'background'; 'interactive' for what a person just opened). A
   *  load joined while in flight keeps the priority it started with. */
  priority?: Priority;
}

export type LoadState = 'idle' | 'loading' | 'loaded' | 'error';

/**
 * Decides what ensureLoaded() does with the idle sections it was asked for (windows sharing the
 * fleet, share.ts): calls `load` with those to list here now, maybe later, maybe never.
 */
export type LoadGate = (sections: readonly Section[], load: (sections: readonly Section[]) => Promise<void>) => void;

export interface SectionState<T> {
  state: LoadState;
  items: Map<string, T>;
  error?: ScopeError;
  /** When the last complete load finished. */
  loadedAt?: number;
  /** When the last load started and when its first page arrived (for the log and the bench). */
  startedAt?: number;
  firstPageAt?: number;
  /** Set while the items come from the persistent cache: when the listing that stored them ended. */
  cachedAt?: number;
  /** While loading: items listed so far, and how many there were before (the cache's or the last
   *  listing's count), for "Listing 3,400 of ~10,000". */
  progress?: { listed: number; expected?: number };
}

/** Where the fleet model writes what failed and why (the VS Code layer's log). */
export interface ModelLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** Knobs shared by every scope of a fleet (one object, changed in place by tests). */
export interface ModelTuning {
  /**
   * How long a WorkSpace this extension created stays "Creating…" while DescribeWorkspaces does not
   * return it. AWS documents the delay only as "not immediately available"; how long it lasts is
   * unknown, so the default is generous (10 minutes).
   */
  creatingWindowMs: number;
}

export const DEFAULT_TUNING: Readonly<ModelTuning> = { creatingWindowMs: 10 * 60_000 };

export interface ScopeChange {
  section: Section;
  /** Set when only these WorkSpaces changed (polling, an action): the tree refreshes those rows. */
  workspaceIds?: string[];
  /** Set when the change only added rows (a page arrived) — no row changed place. */
  pageArrived?: boolean;
}

/**
 * What the persistent cache's side of a scope model (scopeSnapshot.ts) reads and writes of it:
 * ScopeModel, seen through this shape so that scopeSnapshot.ts needs no import of scopeModel.ts
 * (which calls it).
 */
export interface SnapshotModel {
  readonly scope: Scope;
  readonly fingerprint?: string | undefined;
  accountId?: string | undefined;
  readonly workspaces: SectionState<WorkspaceView>;
  readonly firstSeen: Map<string, number>;
  section(s: Section): SectionState<unknown>;
  emit(event: 'change', change: ScopeChange): boolean;
}

export function scopeKey(scope: Scope): string {
  return `${scope.profile}|${scope.region}`;
}

/** The id of an item of a section. */
export function idOf(section: Section, item: unknown): string | undefined {
  const o = item as Record<string, unknown>;
  const id = { directories: o.DirectoryId, workspaces: o.WorkspaceId, images: o.ImageId, pools: o.PoolId }[section];
  return typeof id === 'string' && id !== '' ? id : undefined;
}
