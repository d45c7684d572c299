// The one bundle picker (Create WorkSpaces, Migrate): the account's own bundles, then Amazon's,
// from the scope's bundle catalog (read once per session, interactive priority), each with its
// compute type and storage; optionally a "type a bundle ID" entry.
import * as vscode from 'vscode';
import type { WorkspaceBundle } from '@aws-sdk/client-workspaces';
import { inertPickItem } from '../../core/text';
import { validateBundleId } from '../../core/validation';
import { bundleSummary } from '../../fleet/bundles';
import type { ScopeModel } from '../../fleet/scopeModel';

export interface BundlePick {
  title: string;
  placeHolder: string;
  /** Bundles not offered (the WorkSpace's own, …); undefined = offered. */
  exclude?: (b: WorkspaceBundle) => boolean;
  /** Offer "Enter a bundle ID…" (validated against the loaded bundles). */
  manual?: boolean;
}

type Item = vscode.QuickPickItem & { bundle?: WorkspaceBundle; manual?: true };

/** Every bundle of the scope (own and Amazon's), loaded once per session. */
export async function allBundles(model: ScopeModel): Promise<WorkspaceBundle[]> {
  const [own, amazon] = await Promise.all([model.bundles.load('own'), model.bundles.load('amazon')]);
  return [...own, ...amazon];
}

export async function pickBundle(model: ScopeModel, o: BundlePick): Promise<WorkspaceBundle | undefined> {
  const where = `${model.scope.profile} ${model.scope.region}`;
  const bundles = allBundles(model);
  const items = bundles.then((all) => {
    const usable = all.filter((b) => b.BundleId && (b.State === undefined || b.State === 'AVAILABLE'));
    const offered = usable.filter((b) => !o.exclude?.(b));
    const row = (b: WorkspaceBundle): Item =>
      inertPickItem({
        label: b.Name ?? b.BundleId ?? '?',
        description: bundleSummary(b),
        detail: [b.BundleId, b.Description].filter(Boolean).join(' · '),
        bundle: b,
      });
    const section = (label: string, list: WorkspaceBundle[]): Item[] =>
      list.length ? [{ label, kind: vscode.QuickPickItemKind.Separator }, ...list.map(row)] : [];
    const out: Item[] = [
      ...section(
        "This account's bundles",
        offered.filter((b) => b.Owner !== 'AMAZON'),
      ),
      ...section(
        'Amazon bundles',
        offered.filter((b) => b.Owner === 'AMAZON'),
      ),
    ];
    if (o.manual) out.push({ label: '$(edit) Enter a bundle ID…', manual: true, alwaysShow: true });
    return out;
  });
  const pick = await vscode.window.showQuickPick<Item>(items, {
    title: o.title,
    placeHolder: o.placeHolder,
    matchOnDescription: true,
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  if (!pick) return undefined;
  if (pick.bundle) return pick.bundle;
  const known = await bundles;
  const id = await vscode.window.showInputBox({
    title: o.title,
    prompt: "Bundle ID (wsb-…): an Amazon bundle or one of this account's",
    ignoreFocusOut: true,
    validateInput: (t) => validateBundleId(t, known, where),
  });
  if (id === undefined || validateBundleId(id, known, where) !== undefined) return undefined;
  return known.find((b) => b.BundleId === id.trim());
}
