// The persistent cache's side of a scope model: what it shows from a snapshot at start-up
// (`hydrate`), what it stores of the scope (`snapshot`, with the partial listing in progress), and
// how it merges what another window wrote of the same scope (`mergeSnapshot`, share.ts).
import type { WorkspaceView } from '../core/present';
import type { ScopeSnapshot } from './cache';
import { idOf, SECTIONS, type Section, type SnapshotModel } from './sections';

/**
 * Shows what the persistent cache kept of this scope: sections never loaded get their items, the
 * WorkSpaces marked `cachedAt`, and the first-seen times. Returns false when nothing was taken
 * (every section already had data). The next load revalidates in place.
 */
export function hydrateScope(model: SnapshotModel, snap: ScopeSnapshot): boolean {
  const hydrated: Section[] = [];
  for (const s of SECTIONS) {
    const sec = snap[s];
    const st = model.section(s);
    if (!sec || st.state !== 'idle' || st.items.size > 0) continue;
    for (const item of sec.items as unknown[]) {
      const id = idOf(s, item);
      if (id === undefined) continue;
      // The snapshot is the model's own (just parsed): its rows are marked in place, not copied.
      if (s === 'workspaces') (item as WorkspaceView).cachedAt = sec.loadedAt;
      st.items.set(id, item);
    }
    // A partial listing (a window that was listing it): the rows show, but nothing says the
    // section is complete as of any time, so it is revalidated.
    if (!sec.partial) st.cachedAt = sec.loadedAt;
    hydrated.push(s);
  }
  for (const [id, t] of Object.entries(snap.firstSeen ?? {})) {
    if (typeof t === 'number' && !model.firstSeen.has(id)) model.firstSeen.set(id, t);
  }
  if (snap.accountId) model.accountId ??= snap.accountId;
  for (const section of hydrated) model.emit('change', { section });
  return hydrated.length > 0;
}

/** What the persistent cache keeps of this scope: the sections that completed a listing (or came
 *  from the cache and were not re-listed yet), without per-session marks. */
export function snapshotOf(model: SnapshotModel): ScopeSnapshot {
  const snap: ScopeSnapshot = {
    profile: model.scope.profile,
    region: model.scope.region,
    fingerprint: model.fingerprint ?? '',
    accountId: model.accountId || undefined,
  };
  for (const s of SECTIONS) {
    const st = model.section(s);
    const at = st.loadedAt ?? st.cachedAt;
    // A first listing still running: what it has so far, for the windows that follow it.
    const partial = at === undefined && st.state === 'loading' && st.items.size > 0 && st.startedAt !== undefined;
    if (at === undefined && !partial) continue;
    const items =
      s === 'workspaces'
        ? [...model.workspaces.items.values()].map(({ statusError: _e, cachedAt: _c, ...w }) => w)
        : [...st.items.values()];
    const section = partial
      ? { loadedAt: st.startedAt as number, partial: true, items }
      : { loadedAt: at as number, items };
    (snap as unknown as Record<Section, unknown>)[s] = section;
  }
  // fromEntries makes each id an own property (an id "__proto__" too, where `o[id] = t` would not).
  const firstSeen: Array<[string, number]> = [];
  for (const id of model.workspaces.items.keys()) {
    const t = model.firstSeen.get(id);
    if (t !== undefined) firstSeen.push([id, t]);
  }
  snap.firstSeen = Object.fromEntries(firstSeen);
  return snap;
}

/**
 * Merges what another window wrote of this scope into the model: each WorkSpace row is taken when
 * the written copy is newer (`readAt`) than the model's, rows a complete listing no longer has are
 * dropped when the model read them before that listing, and the other sections are taken whole
 * when the written listing is newer than the model's. A section this window is listing itself is
 * left alone (its own listing ends with fresher data). Returns whether anything changed.
 */
export function mergeSnapshot(model: SnapshotModel, snap: ScopeSnapshot): boolean {
  let changed = false;
  for (const s of SECTIONS) {
    const sec = snap[s];
    const st = model.section(s);
    if (!sec || st.state === 'loading') continue;
    const mine = st.loadedAt ?? st.cachedAt ?? 0;
    if (s === 'workspaces') {
      if (mergeRows(model, sec.items as WorkspaceView[], sec.partial ? undefined : sec.loadedAt)) changed = true;
    } else if (!sec.partial && sec.loadedAt > mine) {
      st.items.clear();
      for (const item of sec.items as unknown[]) {
        const id = idOf(s, item);
        if (id !== undefined) st.items.set(id, item);
      }
      changed = true;
    }
    if (!sec.partial && sec.loadedAt > mine) {
      // Listed elsewhere, complete as of then: loaded, and "as of" that time in the view.
      st.state = 'loaded';
      st.loadedAt = sec.loadedAt;
      st.cachedAt = sec.loadedAt;
      delete st.error;
      changed = true;
    }
  }
  for (const [id, t] of Object.entries(snap.firstSeen ?? {})) {
    const mine = model.firstSeen.get(id);
    if (typeof t === 'number' && (mine === undefined || t < mine)) model.firstSeen.set(id, t);
  }
  if (snap.accountId) model.accountId ??= snap.accountId;
  if (changed) for (const s of SECTIONS) if (snap[s]) model.emit('change', { section: s });
  return changed;
}

/** The WorkSpace rows of a written snapshot merged by readAt; `complete`: when its listing ended. */
function mergeRows(model: SnapshotModel, rows: readonly WorkspaceView[], complete: number | undefined): boolean {
  const items = model.workspaces.items;
  let changed = false;
  const seen = new Set<string>();
  for (const row of rows) {
    const id = row.WorkspaceId;
    if (!id) continue;
    seen.add(id);
    const local = items.get(id);
    if (local && (row.readAt ?? 0) <= (local.readAt ?? 0)) continue;
    const next: WorkspaceView = { ...row };
    if (!next.tags && local?.tags) next.tags = local.tags;
    if (local?.cachedAt !== undefined && complete !== undefined) next.cachedAt = complete;
    items.set(id, next);
    changed = true;
  }
  if (complete !== undefined) {
    for (const [id, w] of [...items]) {
      if (seen.has(id) || w.creating || (w.readAt ?? 0) >= complete) continue;
      items.delete(id);
      changed = true;
    }
  }
  return changed;
}
