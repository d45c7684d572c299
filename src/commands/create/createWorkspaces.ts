import * as vscode from 'vscode';
import type { Tag, WorkspaceBundle, WorkspaceDirectory, WorkspaceRequest } from '@aws-sdk/client-workspaces';
import { directoryLabel, runningModeLabel } from '../../core/present';
import type { CreateOutcome } from '../../core/types';
import { inertPickItem } from '../../core/text';
import {
  AUTO_STOP_MAX_HOURS,
  AUTO_STOP_MIN_HOURS,
  parseAutoStopHours,
  parseTagList,
  parseUserNames,
  validateAutoStopHours,
  validateDirectoryId,
  validateKmsKey,
  validateTagList,
  validateUserNames,
} from '../../core/validation';
import type { ScopeModel } from '../../fleet/scopeModel';
import { BundleNode } from '../../tree/bundles';
import { DirectoryNode, type Node } from '../../tree/nodes';
import type { Services } from '../../services';
import { pickBundle } from '../pipeline/bundlePicker';
import { confirmModal } from '../pipeline/confirmation';
import { bulletList, plural, summarize } from '../pipeline/messages';
import { report, runBatch } from '../pipeline/run';
import { ensureSection, pickScope } from '../pipeline/pickers';
import type { CommandSpec } from '../pipeline/registry';
import { notify } from '../pipeline/notify';

const TITLE = 'Create WorkSpaces';
const STEPS = 7;
const step = (n: number, what: string): string => `${TITLE} (${n}/${STEPS}): ${what}`;
const MANAGED_KEY = 'alias/aws/workspaces';

interface Manual {
  manual: true;
}

async function pickDirectory(model: ScopeModel, where: string): Promise<WorkspaceDirectory | undefined> {
  const dirs = [...model.directories.items.values()];
  const usable = dirs
    .filter((d) => validateDirectoryId(d.DirectoryId ?? '', dirs) === undefined)
    .sort((a, b) => directoryLabel(a).localeCompare(directoryLabel(b)));
  if (usable.length === 0) {
    void notify.info(`No directory in ${where} is registered for personal WorkSpaces.`);
    return undefined;
  }
  const pick = await vscode.window.showQuickPick<vscode.QuickPickItem & ({ dir: WorkspaceDirectory } | Manual)>(
    [
      ...usable.map((d) =>
        inertPickItem({
          label: directoryLabel(d),
          description: [d.DirectoryType, d.DirectoryId].filter(Boolean).join(' · '),
          ...(d.WorkspaceDirectoryDescription ? { detail: d.WorkspaceDirectoryDescription } : {}),
          dir: d,
        }),
      ),
      { label: '$(edit) Enter a directory ID…', manual: true as const, alwaysShow: true },
    ],
    {
      title: step(2, 'directory'),
      placeHolder: `Directory of the users (${where})`,
      matchOnDescription: true,
      ignoreFocusOut: true,
    },
  );
  if (!pick) return undefined;
  if ('dir' in pick) return pick.dir;
  const id = await vscode.window.showInputBox({
    title: step(2, 'directory'),
    prompt: 'Directory ID (d-…) registered with WorkSpaces in this region',
    ignoreFocusOut: true,
    validateInput: (t) => validateDirectoryId(t, dirs, where),
  });
  if (id === undefined || validateDirectoryId(id, dirs, where) !== undefined) return undefined;
  return model.directories.items.get(id.trim());
}

interface Encryption {
  key?: string;
}

async function pickEncryption(): Promise<Encryption | undefined> {
  const pick = await vscode.window.showQuickPick(
    [
      { label: 'No volume encryption', choice: 'none' as const },
      {
        label: 'Encrypt with the AWS managed key',
        description: MANAGED_KEY,
        detail: 'Root and user volumes encrypted with the WorkSpaces key KMS manages for the account.',
        choice: 'managed' as const,
      },
      {
        label: 'Encrypt with a customer managed KMS key…',
        detail: 'Root and user volumes encrypted with a symmetric KMS key you name.',
        choice: 'custom' as const,
      },
    ],
    { title: step(6, 'volume encryption'), ignoreFocusOut: true },
  );
  if (!pick) return undefined;
  if (pick.choice === 'none') return {};
  if (pick.choice === 'managed') return { key: MANAGED_KEY };
  const key = await vscode.window.showInputBox({
    title: step(6, 'KMS key'),
    prompt: 'KMS key ARN, alias (alias/NAME) or key id; it must be symmetric and usable by WorkSpaces.',
    ignoreFocusOut: true,
    validateInput: validateKmsKey,
  });
  if (key === undefined || validateKmsKey(key) !== undefined) return undefined;
  return { key: key.trim() };
}

/**
 * Creates one or many WorkSpaces in one directory: profile/region → directory → bundle → user
 * name(s) → running mode → volume encryption → tags, then a confirmation with everything chosen.
 * From a directory (or a WorkSpaces category / region) row, those steps are already answered.
 */
export const createWorkspaces: CommandSpec = {
  id: 'workspacesFleet.createWorkspaces',
  title: TITLE,
  async run(s, node?: unknown): Promise<CreateOutcome[] | undefined> {
    const n = node as Node | undefined;
    const model = n?.scopeModel ?? (await pickScope(s, step(1, 'profile and region')));
    if (!model) return undefined;
    return create(s, n, model);
  },
};

/**
 * Create WorkSpaces with a bundle already chosen: from a row of the Bundles section, or from the
 * palette (profile/region, then the bundle).
 */
export const createWorkspacesFromBundle: CommandSpec = {
  id: 'workspacesFleet.createWorkspacesFromBundle',
  title: 'Create WorkSpaces from Bundle',
  async run(s, node?: unknown): Promise<CreateOutcome[] | undefined> {
    const row = node instanceof BundleNode && node.scopeModel ? node : undefined;
    const model = row?.scopeModel ?? (await pickScope(s, step(1, 'profile and region')));
    if (!model) return undefined;
    const bundle =
      row?.bundle ??
      (await pickBundle(model, { title: step(3, 'bundle'), placeHolder: 'Bundle of the new WorkSpaces' }));
    if (!bundle) return undefined;
    return create(s, undefined, model, bundle);
  },
};

async function create(
  s: Services,
  n: Node | undefined,
  model: ScopeModel,
  preset?: WorkspaceBundle,
): Promise<CreateOutcome[] | undefined> {
  {
    const where = `${model.scope.profile} ${model.scope.region}`;
    await ensureSection(model, 'directories');
    const dirs = [...model.directories.items.values()];
    let dir: WorkspaceDirectory | undefined;
    if (n instanceof DirectoryNode) {
      const bad = validateDirectoryId(n.directory.DirectoryId ?? '', dirs, where);
      if (bad) {
        void notify.error(bad);
        return undefined;
      }
      dir = model.directories.items.get(n.directory.DirectoryId ?? '');
    } else {
      dir = await pickDirectory(model, where);
    }
    if (!dir?.DirectoryId) return undefined;
    const directoryId = dir.DirectoryId;

    const bundle =
      preset ??
      (await pickBundle(model, {
        title: step(3, 'bundle'),
        placeHolder: 'Bundle (hardware and image) of the new WorkSpaces',
        manual: true,
      }));
    if (!bundle?.BundleId) return undefined;
    const bundleId = bundle.BundleId;

    await ensureSection(model, 'workspaces');
    const taken = new Set<string>();
    for (const w of model.workspaces.items.values()) {
      if (w.DirectoryId === directoryId && w.UserName) taken.add(w.UserName.toLowerCase());
    }
    const usersText = await vscode.window.showInputBox({
      title: step(4, 'user names'),
      prompt: `Users of ${directoryLabel(dir)}, one WorkSpace each; several: separate them with commas or spaces.`,
      placeHolder: 'e.g. jane.doe, john.roe',
      ignoreFocusOut: true,
      validateInput: (t) => validateUserNames(t, taken),
    });
    if (usersText === undefined || validateUserNames(usersText, taken) !== undefined) return undefined;
    const users = parseUserNames(usersText);

    const mode = await vscode.window.showQuickPick(
      [
        {
          label: 'AutoStop',
          detail: 'Billed by the hour; stops after a set time without a connection.',
          mode: 'AUTO_STOP' as const,
        },
        { label: 'AlwaysOn', detail: 'Billed monthly; keeps running.', mode: 'ALWAYS_ON' as const },
      ],
      { title: step(5, 'running mode'), ignoreFocusOut: true },
    );
    if (!mode) return undefined;
    let hours: number | undefined;
    if (mode.mode === 'AUTO_STOP') {
      const text = await vscode.window.showInputBox({
        title: step(5, 'AutoStop time'),
        prompt: `Hours without a connection before the WorkSpace stops: a whole number from ${AUTO_STOP_MIN_HOURS} to ${AUTO_STOP_MAX_HOURS}.`,
        value: '1',
        ignoreFocusOut: true,
        validateInput: validateAutoStopHours,
      });
      if (text === undefined) return undefined;
      hours = parseAutoStopHours(text);
      if (hours === undefined) return undefined;
    }

    const encryption = await pickEncryption();
    if (!encryption) return undefined;

    const tagsText = await vscode.window.showInputBox({
      title: step(7, 'tags (optional)'),
      prompt: 'Tags for every new WorkSpace: Key=Value pairs separated by commas; leave empty for none.',
      placeHolder: 'e.g. Team=Finance, CostCenter=CC-1042',
      ignoreFocusOut: true,
      validateInput: validateTagList,
    });
    if (tagsText === undefined) return undefined;
    const parsed = parseTagList(tagsText);
    if (!parsed.ok) return undefined;
    const tags: Tag[] = parsed.tags;

    const detail = [
      `Profile and region: ${where}`,
      `Directory: ${directoryLabel(dir)} (${directoryId})`,
      `Bundle: ${bundle.Name ?? bundleId} (${bundleId})`,
      `Running mode: ${runningModeLabel(mode.mode)}${hours ? `, stops after ${hours} h` : ''}`,
      `Volume encryption: ${encryption.key ?? 'none'}`,
      `Tags: ${tags.length ? tags.map((t) => `${t.Key ?? ''}=${t.Value ?? ''}`).join(', ') : 'none'}`,
      '',
      `Users:\n${bulletList(users, 15)}`,
      '',
      'WorkSpaces are billed from the moment they are created.',
    ].join('\n');
    const what = users.length === 1 ? `a WorkSpace for ${users[0]}` : plural(users.length, 'WorkSpace', 'WorkSpaces');
    if (!(await confirmModal(`Create ${what}?`, detail, 'Create'))) return undefined;

    const requests = new Map<string, WorkspaceRequest>();
    for (const UserName of users) {
      requests.set(`${directoryId}/${UserName}`, {
        DirectoryId: directoryId,
        UserName,
        BundleId: bundleId,
        WorkspaceProperties: {
          RunningMode: mode.mode,
          ...(hours !== undefined ? { RunningModeAutoStopTimeoutInMinutes: hours * 60 } : {}),
        },
        ...(encryption.key
          ? {
              VolumeEncryptionKey: encryption.key,
              RootVolumeEncryptionEnabled: true,
              UserVolumeEncryptionEnabled: true,
            }
          : {}),
        ...(tags.length ? { Tags: tags } : {}),
      });
    }
    const outcomes = (await runBatch(s, {
      title: `Creating ${plural(users.length, 'WorkSpace', 'WorkSpaces')}`,
      targets: [...requests.keys()].map((id) => ({ model, id })),
      chunkSize: 25,
      call: (api, keys, abortSignal) =>
        api.create(
          keys.map((k) => requests.get(k) as WorkspaceRequest),
          { abortSignal },
        ),
    })) as CreateOutcome[];

    const created = outcomes.filter((o) => o.ok && o.workspace);
    if (created.length > 0) {
      model.addWorkspaces(
        created.map((o) => ({ ...o.workspace, ...(o.request?.Tags ? { tags: o.request.Tags } : { tags: [] }) })),
      );
      s.poller.kick();
    }
    const labels = new Map(outcomes.map((o) => [o.id, o.ok ? `${o.request?.UserName ?? '?'} (${o.id})` : o.id]));
    report(
      s,
      `Create WorkSpaces (${where}, ${directoryId}, ${bundleId})`,
      summarize({ verb: 'Creating', outcomes, labels }),
    );
    return outcomes;
  }
}
