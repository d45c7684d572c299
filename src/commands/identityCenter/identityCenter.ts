// IAM Identity Center: choose accounts of the organisation to show (no profile per account), sign
// in (the OIDC device flow, as `aws sso login`), write profiles for the accounts only when asked,
// and take an organisation out of the view.
import * as vscode from 'vscode';
import type { OrgAccount, SsoSource } from '../../aws';
import { loadAws } from '../../awsLoader';
import { inertIcons, inertPickItem } from '../../core/text';
import type { IdentityCenterChoice } from '../../fleet/organizations';
import type { Services } from '../../services';
import { OrganizationNode } from '../../tree/nodes';
import { profileSections } from '../../core/identityCenter';
import { notify } from '../pipeline/notify';
import type { CommandSpec } from '../pipeline/registry';

const SECTION = 'workspacesFleet';
const CHOICES = 'identityCenter.accounts';

const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration(SECTION);

function currentChoices(): Record<string, IdentityCenterChoice> {
  return { ...(config().get<Record<string, IdentityCenterChoice>>(CHOICES) ?? {}) };
}

/** The organisation a command was run on (its row, its error row), or one picked. */
async function chooseSource(s: Services, node: unknown, title: string): Promise<SsoSource | undefined> {
  const layer = await s.aws();
  const sources = await layer.ssoSources();
  const id =
    typeof node === 'string'
      ? node
      : node instanceof OrganizationNode
        ? node.org.id
        : (node as { organization?: OrganizationNode } | undefined)?.organization?.org.id;
  if (id) return sources.find((x) => x.id === id);
  if (sources.length === 0) {
    const open = await notify.warn(
      'Your AWS config file has no sso-session (nor a profile with sso_start_url). Add one with "aws configure sso-session", then try again.',
      {},
      'Open AWS Config File',
    );
    if (open) await vscode.commands.executeCommand('workspacesFleet.openConfigFile');
    return undefined;
  }
  if (sources.length === 1) return sources[0];
  const pick = await vscode.window.showQuickPick(
    sources.map((x) => ({
      ...inertPickItem({
        label: x.id,
        description: x.startUrl,
        detail: `${x.kind === 'session' ? 'sso-session' : 'profile'} · ${x.region}`,
      }),
      source: x,
    })),
    { title, placeHolder: 'Which IAM Identity Center?' },
  );
  return pick?.source;
}

/**
 * Signs in with the device flow: the browser opens the page with the code filled in, the progress
 * notification shows the code to compare; cancelling it stops the polling.
 */
async function signIn(s: Services, source: SsoSource): Promise<boolean> {
  const layer = await s.aws();
  try {
    await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Signing in to IAM Identity Center ${inertIcons(source.id)}`,
        cancellable: true,
      },
      async (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        await layer.identityCenter.signIn(
          source,
          async (code) => {
            const uri = code.verificationUriComplete ?? code.verificationUri;
            progress.report({ message: `confirm the code ${code.userCode} in your browser (${uri})` });
            s.log.info(`IAM Identity Center ${source.id}: sign-in code ${code.userCode}, page ${uri}`);
            await vscode.env.openExternal(vscode.Uri.parse(uri));
          },
          abort.signal,
        );
      },
    );
  } catch (e) {
    if (abortLike(e)) return false;
    throw e;
  }
  s.log.info(`IAM Identity Center ${source.id}: signed in`);
  return true;
}

function abortLike(e: unknown): boolean {
  const k = (e as { kind?: string; name?: string } | undefined)?.kind;
  return k === 'cancelled' || (e as { name?: string } | undefined)?.name === 'AbortError';
}

/** Signs in to an organisation (its error row's "Sign in again", the palette). */
export const signInIdentityCenter: CommandSpec = {
  id: 'workspacesFleet.signInIdentityCenter',
  title: 'Sign In to IAM Identity Center',
  async run(s, node?: unknown) {
    const source = await chooseSource(s, node, 'Sign in to IAM Identity Center');
    if (!source) return undefined;
    if (!(await signIn(s, source))) return undefined;
    await s.fleet.refreshAll();
    return source.id;
  },
};

const accountItem = (a: OrgAccount, picked: boolean) => ({
  ...inertPickItem({
    label: a.accountName ?? a.accountId,
    description: a.accountId,
    detail: [a.emailAddress, a.roles.join(', ')].filter(Boolean).join(' · '),
  }),
  picked,
  account: a,
});

/**
 * Chooses accounts of an organisation, the role to take in them and the regions: written to
 * `workspacesFleet.identityCenter.accounts`; the tree shows them under the organisation.
 */
export const addIdentityCenterAccounts: CommandSpec = {
  id: 'workspacesFleet.addIdentityCenterAccounts',
  title: 'Add Accounts from IAM Identity Center',
  async run(s, node?: unknown) {
    const title = 'Add accounts from IAM Identity Center';
    const source = await chooseSource(s, node, title);
    if (!source) return undefined;
    const layer = await s.aws();
    if (!(await layer.identityCenter.signedIn(source))) {
      const go = await notify.info(
        `You are not signed in to IAM Identity Center "${source.id}" (${source.startUrl}).`,
        {},
        'Sign In',
      );
      if (go !== 'Sign In' || !(await signIn(s, source))) return undefined;
    }
    const accounts = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Reading the accounts of ${inertIcons(source.id)}` },
      () => layer.identityCenter.accounts(source),
    );
    if (accounts.length === 0) {
      void notify.info(`IAM Identity Center "${source.id}" gives you no account.`);
      return undefined;
    }
    const before = currentChoices()[source.id];
    const already = new Set(before?.accounts ?? (before ? accounts.map((a) => a.accountId) : []));
    const picks = await vscode.window.showQuickPick(
      accounts.map((a) => accountItem(a, already.size === 0 || already.has(a.accountId))),
      {
        title: `${title}: accounts of ${source.id}`,
        placeHolder: `${accounts.length} accounts you may use: choose the ones to show`,
        canPickMany: true,
        matchOnDescription: true,
        matchOnDetail: true,
        ignoreFocusOut: true,
      },
    );
    if (!picks || picks.length === 0) return undefined;
    const chosen = picks.map((p) => p.account);
    const roles = new Map<string, number>();
    for (const a of chosen) for (const r of a.roles) roles.set(r, (roles.get(r) ?? 0) + 1);
    const preferred = before?.role ?? config().get<string>('identityCenter.defaultRole') ?? 'WorkSpacesAdmin';
    const rolePick = await vscode.window.showQuickPick(
      [...roles]
        .sort(
          (a, b) => Number(b[0] === preferred) - Number(a[0] === preferred) || b[1] - a[1] || a[0].localeCompare(b[0]),
        )
        .map(([role, n]) => ({
          ...inertPickItem({
            label: role,
            description: `in ${n} of the ${chosen.length} accounts${role === preferred ? ' · your default' : ''}`,
          }),
          role,
        })),
      {
        title: `${title}: which role?`,
        placeHolder: 'The role to take in each account (accounts without it are left out)',
      },
    );
    if (!rolePick) return undefined;
    const { WORKSPACES_REGIONS } = await loadAws();
    const had = new Set(before?.regions ?? []);
    const regionPicks = await vscode.window.showQuickPick(
      WORKSPACES_REGIONS.map((r) => ({ label: r, picked: had.has(r) || (had.size === 0 && r === source.region) })),
      { title: `${title}: regions`, canPickMany: true, placeHolder: 'Regions to list in each account' },
    );
    if (!regionPicks || regionPicks.length === 0) return undefined;
    const choices = currentChoices();
    const all = chosen.length === accounts.length;
    choices[source.id] = {
      role: rolePick.role,
      regions: regionPicks.map((r) => r.label),
      ...(all ? {} : { accounts: chosen.map((a) => a.accountId) }),
    };
    await config().update(CHOICES, choices, vscode.ConfigurationTarget.Global);
    const without = chosen.filter((a) => !a.roles.includes(rolePick.role)).length;
    void notify.info(
      `Showing ${chosen.length - without} accounts of ${source.id} as ${rolePick.role} in ${regionPicks.length} ${regionPicks.length === 1 ? 'region' : 'regions'}` +
        (without ? ` (${without} without that role left out).` : '.'),
    );
    return choices[source.id];
  },
};

/** Takes an organisation out of the view (its settings entry; nothing on AWS or in the AWS files). */
export const removeOrganization: CommandSpec = {
  id: 'workspacesFleet.removeOrganization',
  title: 'Remove Organization from View',
  async run(_s, node?: unknown) {
    const id = node instanceof OrganizationNode ? node.org.id : undefined;
    if (!id) return undefined;
    const choices = currentChoices();
    delete choices[id];
    await config().update(CHOICES, choices, vscode.ConfigurationTarget.Global);
    return id;
  },
};

/**
 * Writes one profile per account shown of an organisation to the AWS config file — only when the
 * person asks, after showing every section it would append (a modal lists them). Existing profiles
 * are never touched.
 */
export const writeIdentityCenterProfiles: CommandSpec = {
  id: 'workspacesFleet.writeIdentityCenterProfiles',
  title: 'Write Profiles for These Accounts',
  async run(s, node?: unknown) {
    const source = await chooseSource(s, node, 'Write profiles for these accounts');
    if (!source) return undefined;
    const choice = currentChoices()[source.id];
    const entries = s.fleet.profiles.filter((p) => p.info.organization?.source === source.id);
    if (!choice || entries.length === 0) {
      void notify.info(`No account of ${source.id} is shown: add some first.`);
      return undefined;
    }
    const layer = await s.aws();
    const existing = new Set((await layer.listProfiles()).filter((p) => !p.organization).map((p) => p.name));
    const sections = profileSections(
      source,
      entries.map((e) => ({
        accountId: e.info.organization?.accountId ?? '',
        ...(e.info.organization?.accountName ? { accountName: e.info.organization.accountName } : {}),
      })),
      choice.role,
      choice.regions[0],
      existing,
    );
    if (sections.length === 0) {
      void notify.info('Every account shown already has a profile of that name.');
      return undefined;
    }
    const file = layer.configFiles().config;
    const shown = sections
      .slice(0, 12)
      .map((x) => x.text)
      .join('\n\n');
    const go = await notify.warn(
      `Append ${sections.length} ${sections.length === 1 ? 'profile' : 'profiles'} to ${file}?`,
      {
        modal: true,
        detail: `${shown}${sections.length > 12 ? `\n\n… and ${sections.length - 12} more` : ''}\n\nNothing else in the file changes. The accounts then show as these profiles, and ${source.id} leaves the view (add it back any time).`,
      },
      'Append',
    );
    if (go !== 'Append') return undefined;
    const uri = vscode.Uri.file(file);
    let text = '';
    try {
      text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    } catch {
      // A new file.
    }
    const sep = text === '' || text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
    const added = sections.map((x) => x.text).join('\n\n');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(`${text}${sep}${added}\n`, 'utf8'));
    s.log.info(
      `Wrote ${sections.length} profiles of ${source.id} to ${file}: ${sections.map((x) => x.name).join(', ')}`,
    );
    // Shown once: as the new profiles (the organisation would list the same accounts again).
    const choices = currentChoices();
    delete choices[source.id];
    await config().update(CHOICES, choices, vscode.ConfigurationTarget.Global);
    void notify.info(`Wrote ${sections.length} profiles to ${file}.`);
    return sections.map((x) => x.name);
  },
};
