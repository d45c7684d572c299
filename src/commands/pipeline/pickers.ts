// The palette's way to name what a command acts on when no tree row was clicked:
// profile → region → WorkSpaces (or pools), each a QuickPick; one-choice steps are skipped.
// Also the one picker of a profile/region used by every palette command.
import * as vscode from 'vscode';
import { inertIcons, inertPickItem } from '../../core/text';
import type { ScopeModel, Section } from '../../fleet/scopeModel';
import type { Services } from '../../services';
import { notify } from './notify';
import type { Resource, Target } from './resources';

/** The scope (profile + region) to work in: asks for the profile, then the region. */
export async function pickScope(s: Services, title: string): Promise<ScopeModel | undefined> {
  if (s.fleet.profiles.length === 0) await s.fleet.loadProfiles();
  const entries = s.fleet.profiles.filter((p) => p.scopes.length > 0);
  if (entries.length === 0) {
    void notify.info(
      s.fleet.profiles.length === 0
        ? 'No AWS profile is configured: add one to your AWS config file first.'
        : 'No profile has a region: choose regions for a profile first.',
    );
    return undefined;
  }
  let entry = entries[0];
  if (entries.length > 1) {
    const pick = await vscode.window.showQuickPick(
      entries.map((e) => ({ ...inertPickItem({ label: e.info.name, description: e.regions.join(', ') }), entry: e })),
      { title: `${title}: profile`, placeHolder: 'Which AWS profile?', ignoreFocusOut: true },
    );
    if (!pick) return undefined;
    entry = pick.entry;
  }
  if (entry.scopes.length === 1) return entry.scopes[0];
  const pick = await vscode.window.showQuickPick(
    entry.scopes.map((m) => ({
      label: inertIcons(m.scope.region),
      description: `${m.workspaces.items.size} WorkSpaces`,
      model: m,
    })),
    { title: `${title}: region of ${entry.info.name}`, placeHolder: 'Which region?', ignoreFocusOut: true },
  );
  return pick?.model;
}

/** Loads a section of a scope when it has not been loaded yet; a failed load throws its error. */
export async function ensureSection(model: ScopeModel, section: Section): Promise<void> {
  if (model[section].state !== 'loaded') await model.load(section);
  const st = model[section];
  if (st.state === 'error' && st.error) {
    throw new Error(`${model.scope.profile} ${model.scope.region}: ${st.error.code}: ${st.error.message}`);
  }
}

/**
 * Items of one scope the action can run on (all when `eligible` is undefined), many at once: the
 * palette's way to name what a command acts on. Undefined = cancelled or nothing to pick.
 */
export async function pickTargets<T, A extends string>(
  model: ScopeModel,
  resource: Resource<T, A>,
  eligible: ((item: T) => boolean) | undefined,
  title: string,
  verb: string,
): Promise<Target[] | undefined> {
  await ensureSection(model, resource.section);
  const { items, hidden } = resource.pickItems(model, eligible);
  const where = `${model.scope.profile} ${model.scope.region}`;
  const [, many] = resource.noun;
  if (items.length === 0) {
    const total = items.length + hidden;
    void notify.info(
      total === 0
        ? `There are no ${many} in ${where}.`
        : `None of the ${total} ${many} in ${where} can be ${verb} now.`,
    );
    return undefined;
  }
  const picks = await vscode.window.showQuickPick(items, {
    title: `${title} (${where})`,
    placeHolder: hidden > 0 ? `Pick ${many}; ${hidden} that cannot be ${verb} now are not listed` : resource.pickHint,
    canPickMany: true,
    matchOnDescription: true,
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  if (!picks || picks.length === 0) return undefined;
  return picks.map((p) => ({ model, id: p.id, label: resource.label(resource.current(model, p.id), p.id) }));
}
