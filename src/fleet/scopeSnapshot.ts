// The persistent cache's side of a scope model: what it shows from a snapshot at start-up
// (`hydrate`) and what it stores of the scope (`snapshot`).
import type { WorkspaceView } from '../core/present';
import type { ScopeSnapshot } from './cache';
import type { ScopeModel } from './scopeModel';
import { idOf, SECTIONS, type Section } from './sections';

/**
 * Shows what the persistent cache kept of this scope: sections never loaded get their items, the
 * WorkSpaces marked `cachedAt`, and the first-seen times. Returns false when nothing was taken
 * (every section already had data). The next load revalidates in place.
 */
export function hydrateScope(model: ScopeModel, snap: ScopeSnapshot): boolean {
  const hydrated: Section[] = [];
  for (const s of SECTIONS) {
    const sec = snap[s];
    const st = model.section(s);
    if (!sec || st.state !== 'idle' || st.items.size > 0) continue;
    for (const item of sec.items as unknown[]) {
      const id = idOf(s, item);
      if (id === undefined) continue;
      st.items.set(id, s === 'workspaces' ? { ...(item as WorkspaceView), cachedAt: sec.loadedAt } : item);
    }
    st.cachedAt = sec.loadedAt;
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
export function snapshotOf(model: ScopeModel): ScopeSnapshot {
  const snap: ScopeSnapshot = {
    profile: model.scope.profile,
    region: model.scope.region,
    fingerprint: model.fingerprint ?? '',
    ...(model.accountId ? { accountId: model.accountId } : {}),
  };
  for (const s of SECTIONS) {
    const st = model.section(s);
    const at = st.loadedAt ?? st.cachedAt;
    if (at === undefined) continue;
    const items =
      s === 'workspaces'
        ? [...model.workspaces.items.values()].map(({ statusError: _e, cachedAt: _c, ...w }) => w)
        : [...st.items.values()];
    (snap as unknown as Record<Section, unknown>)[s] = { loadedAt: at, items };
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
