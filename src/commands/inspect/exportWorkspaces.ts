// Export WorkSpaces…: what a node holds under the current filter (a profile, a region, the
// WorkSpaces section, a directory or a group; from the view title or the palette, every scope or
// one), as CSV or JSON. Tags not loaded yet are read first — background priority, under the quota,
// with a cancellable progress — or left out when the person says so; bundle names are read by id
// (⌈bundles/25⌉ calls). Saved through a save dialog, then offered to open.
import * as vscode from 'vscode';
import { errorMessage } from '../../core/errors';
import { directoryLabel, type WorkspaceView } from '../../core/present';
import { inventoryTable, toCsv, toJson, type InventorySource } from '../../core/inventory';
import { inertIcons } from '../../core/text';
import type { ScopeModel } from '../../fleet/scopeModel';
import { ScopeView } from '../../fleet/view';
import { CategoryNode, DirectoryNode, GroupNode, ProfileNode, RegionNode } from '../../tree/nodes';
import type { Services } from '../../services';
import { plural } from '../pipeline/messages';
import { notify } from '../pipeline/notify';
import { ensureSection } from '../pipeline/pickers';
import type { CommandSpec } from '../pipeline/registry';
import { accountOf } from '../pipeline/selection';

const TITLE = 'Export WorkSpaces';
/** Tag reads in flight at once (the scheduler paces them at the quota). */
const TAG_BATCH = 25;

type Format = 'csv' | 'json';

/** What is exported: per scope, the rows (undefined: every visible row of the scope). */
interface Part {
  model: ScopeModel;
  /** Which rows of the scope's view: all visible, one directory's or one group's. */
  pick: (view: ScopeView) => WorkspaceView[];
}

export interface ExportResult {
  uri: vscode.Uri;
  format: Format;
  rows: number;
  columns: string[];
  withoutTags: number;
}

const allVisible = (v: ScopeView): WorkspaceView[] => v.visible;

/** The parts a node holds, or undefined when it holds no WorkSpaces. */
function partsOf(node: unknown): Part[] | undefined {
  if (node instanceof ProfileNode) return node.entry.scopes.map((model) => ({ model, pick: allVisible }));
  if (node instanceof RegionNode) return [{ model: node.model, pick: allVisible }];
  if (node instanceof CategoryNode) return [{ model: node.model, pick: allVisible }];
  if (node instanceof DirectoryNode && node.scopeModel) {
    const id = node.directory.DirectoryId ?? '';
    return [{ model: node.scopeModel, pick: (v) => v.rowsOf('dir', id) }];
  }
  if (node instanceof GroupNode && node.scopeModel) {
    const { by, key } = node;
    return [{ model: node.scopeModel, pick: (v) => v.rowsOf(by, key) }];
  }
  return node === undefined ? undefined : [];
}

/** From the view title or the palette: every scope, or one. */
async function pickParts(s: Services): Promise<Part[] | undefined> {
  if (s.fleet.profiles.length === 0) await s.fleet.loadProfiles();
  const scopes = s.fleet.profiles.flatMap((p) => p.scopes);
  if (scopes.length === 0) {
    void notify.info('No profile with a region is configured: there is nothing to export.');
    return undefined;
  }
  if (scopes.length === 1) return [{ model: scopes[0], pick: allVisible }];
  const count = (m: ScopeModel): string => `${m.workspaces.items.size.toLocaleString('en-US')} WorkSpaces`;
  const pick = await vscode.window.showQuickPick(
    [
      {
        label: 'Every profile and region',
        description: `${scopes.length} regions`,
        parts: scopes.map((model) => ({ model, pick: allVisible })),
      },
      ...scopes.map((m) => ({
        label: inertIcons(`${m.scope.profile} ${m.scope.region}`),
        description: count(m),
        parts: [{ model: m, pick: allVisible }],
      })),
    ],
    { title: `${TITLE}: which WorkSpaces?`, placeHolder: 'The current filter applies', ignoreFocusOut: true },
  );
  return pick?.parts;
}

/**
 * Reads the tags of the rows that have none loaded (background priority, TAG_BATCH at a time, each
 * batch written to the model at once) under a cancellable progress. Resolves to the number that
 * failed, or undefined when cancelled.
 */
async function loadTags(s: Services, missing: Map<ScopeModel, string[]>): Promise<number | undefined> {
  const layer = await s.aws();
  const total = [...missing.values()].reduce((n, ids) => n + ids.length, 0);
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Reading tags for the export', cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      let done = 0;
      let failed = 0;
      try {
        for (const [model, ids] of missing) {
          const api = layer.api(model.scope);
          for (let i = 0; i < ids.length && !abort.signal.aborted; i += TAG_BATCH) {
            const part = ids.slice(i, i + TAG_BATCH);
            const read = await Promise.all(
              part.map(async (id) => {
                try {
                  return [id, await api.tags(id, { priority: 'background', abortSignal: abort.signal })] as const;
                } catch (e) {
                  if (!abort.signal.aborted) {
                    failed++;
                    s.log.warn(`Export: the tags of ${id} could not be read: ${errorMessage(e)}`);
                  }
                  return undefined;
                }
              }),
            );
            const got = new Map(read.filter((x) => x !== undefined));
            model.patchWorkspaces([...got.keys()], (w) => ({ ...w, tags: got.get(w.WorkspaceId ?? '') ?? w.tags }));
            done += part.length;
            progress.report({ increment: (part.length / total) * 100, message: `${done} of ${total}` });
          }
        }
      } finally {
        sub.dispose();
      }
      return abort.signal.aborted ? undefined : failed;
    },
  );
}

function defaultUri(format: Format, now: number): vscode.Uri {
  const stamp = new Date(now).toISOString().slice(0, 16).replace(/[T:]/g, '-');
  const name = `workspaces-${stamp}.${format}`;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, name) : vscode.Uri.file(name);
}

export const exportWorkspaces: CommandSpec = {
  id: 'workspacesFleet.exportWorkspaces',
  title: TITLE,
  async run(s, node?: unknown): Promise<ExportResult | undefined> {
    const parts = partsOf(node) ?? (await pickParts(s));
    if (!parts || parts.length === 0) return undefined;
    for (const p of parts) await ensureSection(p.model, 'workspaces');
    const options = s.provider.options;
    const chosen = parts.map((p) => ({ ...p, rows: p.pick(new ScopeView(p.model, options, new Date(s.clock.now()))) }));
    const n = chosen.reduce((sum, p) => sum + p.rows.length, 0);
    if (n === 0) {
      void notify.info('There are no WorkSpaces to export here (under the current filter).');
      return undefined;
    }

    const format = await vscode.window.showQuickPick(
      [
        { label: 'CSV', description: 'for a spreadsheet (RFC 4180, UTF-8)', format: 'csv' as const },
        { label: 'JSON', description: 'for scripts', format: 'json' as const },
      ],
      { title: `${TITLE}: ${plural(n, 'WorkSpace', 'WorkSpaces')}`, placeHolder: 'Format', ignoreFocusOut: true },
    );
    if (!format) return undefined;

    // Tags not loaded yet: read them (one DescribeTags per WorkSpace), or leave them out.
    const missing = new Map<ScopeModel, string[]>();
    for (const p of chosen) {
      const ids = p.rows.filter((w) => !w.tags && w.WorkspaceId).map((w) => w.WorkspaceId as string);
      if (ids.length) missing.set(p.model, ids);
    }
    const unloaded = [...missing.values()].reduce((sum, ids) => sum + ids.length, 0);
    if (unloaded > 0) {
      const seconds = Math.ceil(unloaded / 2);
      const choice = await notify.info(
        `The tags of ${plural(unloaded, 'WorkSpace', 'WorkSpaces')} are not loaded yet.`,
        {
          modal: true,
          detail: `Reading them takes one call per WorkSpace: about ${seconds.toLocaleString('en-US')} s at AWS's documented rate of 2 calls per second (less if your account's quota is higher). You can cancel while they are read.`,
        },
        'Read Tags',
        'Export Without Tags',
      );
      if (choice === undefined) return undefined;
      if (choice === 'Read Tags') {
        const failed = await loadTags(s, missing);
        if (failed === undefined) {
          void notify.info('Export cancelled. The tags read so far are kept.');
          return undefined;
        }
        if (failed > 0) {
          void notify.warn(
            `The tags of ${plural(failed, 'WorkSpace', 'WorkSpaces')} could not be read: their tag cells are empty. The log says why.`,
          );
        }
      }
    }

    // Bundle names by id: ⌈distinct bundles / 25⌉ calls per scope, once per session.
    await Promise.all(
      chosen.map((p) =>
        p.model.bundles.resolve(p.rows.map((w) => w.BundleId)).catch((e: unknown) => {
          s.log.warn(`Export: bundle names of ${p.model.scope.profile} ${p.model.scope.region}: ${errorMessage(e)}`);
        }),
      ),
    );

    const uri = await vscode.window.showSaveDialog({
      title: TITLE,
      defaultUri: defaultUri(format.format, s.clock.now()),
      filters: format.format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
      saveLabel: 'Export',
    });
    if (!uri) return undefined;

    // The rows again, as they are now (tags just read are in the model).
    const sources: InventorySource[] = chosen.map((p) => {
      const current = p.rows.map((w) => p.model.workspaces.items.get(w.WorkspaceId ?? '') ?? w);
      const st = p.model.workspaces;
      return {
        profile: p.model.scope.profile,
        account: accountOf(s, p.model),
        region: p.model.scope.region,
        rows: current,
        directoryName: (id) => {
          const d = id ? p.model.directories.items.get(id) : undefined;
          return d ? directoryLabel(d) : undefined;
        },
        bundleName: (id) => p.model.bundles.name(id),
        readAt: st.loadedAt ?? st.startedAt,
      };
    });
    const table = inventoryTable(sources, new Date(s.clock.now()));
    // A BOM so that spreadsheets read the UTF-8 (user and directory names) as UTF-8.
    const text = format.format === 'csv' ? `\ufeff${toCsv(table)}` : toJson(table);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    const result: ExportResult = {
      uri,
      format: format.format,
      rows: table.rows.length,
      columns: table.columns,
      withoutTags: table.withoutTags,
    };
    s.log.info(
      `${TITLE}: ${table.rows.length} rows, ${table.columns.length} columns (${table.tagKeys.length} tag keys, ${table.withoutTags} rows without tags) to ${uri.fsPath}`,
    );
    void Promise.resolve(
      notify.info(
        `Exported ${plural(table.rows.length, 'WorkSpace', 'WorkSpaces')} to ${uri.path.split('/').pop() ?? ''}.`,
        'Open',
      ),
    ).then((choice) => {
      if (choice === 'Open') void vscode.commands.executeCommand('vscode.open', uri);
    });
    return result;
  },
};
