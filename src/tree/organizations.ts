// The organisations of IAM Identity Center in the explorer: one row per sso-session in the
// settings, its accounts under it by name (ProfileNode rows, the same as a profile's), and the
// accounts that turned out to have no WorkSpaces folded into one row ("12 accounts without
// WorkSpaces"; `workspacesFleet.identityCenter.hideEmptyAccounts` leaves it out). An organisation
// that cannot be shown (sign-in needed, no such session) is one error row offering to sign in.
import * as vscode from 'vscode';
import { AWS_ERROR_TITLES, type ScopeError } from '../core/errors';
import { formatUtc } from '../core/text';
import type { Fleet, ProfileEntry } from '../fleet/fleet';
import { SIGN_IN_CODES, type Organization } from '../fleet/organizations';
import { ProfileNode } from './containers';
import { ContainerNode, fieldsTooltip, item, Node, type TreeContext } from './node';

const { Collapsed, Expanded, None } = vscode.TreeItemCollapsibleState;

/** An account is empty once every region of it was listed and had no directory and no WorkSpace. */
export function isEmptyAccount(entry: ProfileEntry): boolean {
  return (
    entry.scopes.length > 0 &&
    entry.scopes.every(
      (m) =>
        m.fatalError === undefined &&
        m.workspaces.state === 'loaded' &&
        m.directories.state === 'loaded' &&
        m.workspaces.items.size === 0 &&
        m.directories.items.size === 0,
    )
  );
}

const hideEmpty = (): boolean =>
  vscode.workspace.getConfiguration('workspacesFleet').get<boolean>('identityCenter.hideEmptyAccounts') ?? false;

/**
 * An account's row under its organisation, or under the folded row once it turned out empty: the
 * two places have ids of their own (VS Code keeps a row's expansion by its id, and an account
 * moved into the fold should show closed), and the row it had in the other place goes, with
 * every cached row below it (they would keep the old parent).
 */
function accountRow(ctx: TreeContext, e: ProfileEntry, parent: OrganizationNode | EmptyAccountsNode): ProfileNode {
  const plain = ProfileNode.idFor(e.info.name);
  const org = parent instanceof EmptyAccountsNode ? (parent.parent as OrganizationNode) : parent;
  const folded = `${EmptyAccountsNode.idFor(org)}/${plain}`;
  const [id, other] = parent instanceof EmptyAccountsNode ? [folded, plain] : [plain, folded];
  ctx.forget(other);
  return ctx.row(id, () => new ProfileNode(e, parent, id)).update(e);
}

/** One row per organisation of the settings. */
export function organizationRows(fleet: Fleet, ctx: TreeContext): Node[] {
  return fleet.organizations.map((org) =>
    ctx.row(OrganizationNode.idFor(org.id), () => new OrganizationNode(fleet, org)).update(org),
  );
}

export class OrganizationNode extends ContainerNode {
  readonly kind = 'organization';
  static idFor(id: string): string {
    return `org:${id}`;
  }
  constructor(
    private readonly fleet: Fleet,
    public org: Organization,
  ) {
    super(OrganizationNode.idFor(org.id), undefined);
  }
  update(org: Organization): this {
    this.org = org;
    return this;
  }
  /** Its accounts, as the fleet lists them. */
  entries(): ProfileEntry[] {
    return this.fleet.profiles.filter((e) => e.info.organization?.source === this.org.id);
  }
  children(ctx: TreeContext): Node[] {
    if (this.org.state === 'error' && this.org.error) return [new OrganizationErrorNode(this, this.org.error)];
    const entries = this.entries();
    // A session that expired while shown fails every account and region at once: said once, here.
    const expired = entries
      .flatMap((e) => e.scopes)
      .map((m) => m.fatalError)
      .find((err) => err !== undefined && SIGN_IN_CODES.has(err.code));
    if (expired) return [new OrganizationErrorNode(this, expired)];
    const full = entries.filter((e) => !isEmptyAccount(e));
    const empty = entries.filter((e) => isEmptyAccount(e));
    const rows: Node[] = full.map((e) => accountRow(ctx, e, this));
    if (empty.length > 0 && !hideEmpty()) {
      rows.push(ctx.row(EmptyAccountsNode.idFor(this), () => new EmptyAccountsNode(this)).update(empty));
    }
    return rows;
  }
  treeItem(): vscode.TreeItem {
    const o = this.org;
    const empty = this.entries().filter((e) => isEmptyAccount(e)).length;
    const description =
      o.state === 'error'
        ? (AWS_ERROR_TITLES[o.error?.kind ?? 'credentials'] ?? 'Failed')
        : [
            `${o.shown} ${o.shown === 1 ? 'account' : 'accounts'}`,
            o.role,
            empty > 0 ? `${empty} without WorkSpaces${hideEmpty() ? ' (hidden)' : ''}` : '',
          ]
            .filter(Boolean)
            .join(' · ');
    return item(this, o.id, Expanded, {
      description,
      iconPath: new vscode.ThemeIcon('organization'),
      contextValue: o.state === 'error' ? 'organization:error' : 'organization',
      tooltip: fieldsTooltip(`IAM Identity Center: ${o.id}`, [
        ['Start URL', o.startUrl ?? ''],
        ['Role', o.role],
        ['Accounts shown', String(o.shown)],
        ['Accounts you may use', o.total ? String(o.total) : ''],
        ['Without this role', o.withoutRole ? String(o.withoutRole) : ''],
        ['Account list read', o.listedAt !== undefined ? formatUtc(new Date(o.listedAt)) : ''],
      ]),
    });
  }
}

/** The accounts of an organisation listed without any directory or WorkSpace, folded. */
export class EmptyAccountsNode extends ContainerNode {
  readonly kind = 'emptyAccounts';
  private entries: ProfileEntry[] = [];
  static idFor(parent: OrganizationNode): string {
    return `${parent.id}/empty`;
  }
  constructor(parent: OrganizationNode) {
    super(EmptyAccountsNode.idFor(parent), parent);
  }
  update(entries: ProfileEntry[]): this {
    this.entries = entries;
    return this;
  }
  children(ctx: TreeContext): Node[] {
    return this.entries.map((e) => accountRow(ctx, e, this));
  }
  treeItem(): vscode.TreeItem {
    const n = this.entries.length;
    return item(this, `${n} ${n === 1 ? 'account' : 'accounts'} without WorkSpaces`, Collapsed, {
      description: 'no directory or WorkSpace',
      iconPath: new vscode.ThemeIcon('circle-slash'),
      contextValue: 'emptyAccounts',
    });
  }
}

/** Why an organisation shows nothing, once (not one row per account and region), with what to do. */
export class OrganizationErrorNode extends Node {
  readonly kind = 'error';
  constructor(
    readonly organization: OrganizationNode,
    readonly error: ScopeError,
  ) {
    super(`${organization.id}/error`, organization);
  }
  treeItem(): vscode.TreeItem {
    const e = this.error;
    const signIn = SIGN_IN_CODES.has(e.code);
    const title = signIn ? 'Sign in again' : `${AWS_ERROR_TITLES[e.kind] ?? 'Failed'} (click to retry)`;
    return item(this, title, None, {
      description: e.message,
      iconPath: new vscode.ThemeIcon(signIn ? 'sign-in' : 'error', new vscode.ThemeColor('errorForeground')),
      contextValue: signIn ? 'organization:signIn' : 'error',
      tooltip: fieldsTooltip(title, [
        ['Error', e.code],
        ['Message', e.message],
        ['What to do', e.hint ?? ''],
      ]),
      command: signIn
        ? {
            command: 'workspacesFleet.signInIdentityCenter',
            title: 'Sign In to IAM Identity Center',
            arguments: [this.organization.org.id],
          }
        : { command: 'workspacesFleet.refresh', title: 'Refresh' },
    });
  }
}
