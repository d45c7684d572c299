// What every row of the WorkSpaces explorer is: a Node with a stable id (built by its class's
// `idFor`, the one spelling of each id format) so expansion and selection survive refreshes, and
// its TreeItem computed in one place. Containers list their children through a TreeContext (the
// provider's row cache and the pure view model). Every API string is shown as plain text:
// labels and descriptions are never Markdown, tooltips are untrusted MarkdownStrings.
import * as vscode from 'vscode';
import type { IconSpec, WorkspaceView } from '../core/present';
import type { ScopeModel } from '../fleet/scopeModel';
import type { ScopeView } from '../fleet/view';

export type NodeKind =
  | 'profile'
  | 'region'
  | 'category'
  | 'directory'
  | 'group'
  | 'workspace'
  | 'image'
  | 'pool'
  | 'bundles'
  | 'bundle'
  | 'error'
  | 'info'
  | 'loadMore'
  | 'cost'
  | 'costGroup'
  | 'organization'
  | 'emptyAccounts';

export abstract class Node {
  abstract readonly kind: NodeKind;
  constructor(
    readonly id: string,
    readonly parent: Node | undefined,
  ) {}
  abstract treeItem(): vscode.TreeItem;
  /** The scope (profile + region) the row belongs to, when it belongs to one. */
  get scopeModel(): ScopeModel | undefined {
    return this.parent?.scopeModel;
  }
  /** Now, by the fleet's clock (every row that shows a time belongs to a scope). */
  protected now(): Date {
    const clock = this.scopeModel?.clock;
    if (!clock) throw new Error(`row ${this.id} shows a time but belongs to no scope`);
    return new Date(clock.now());
  }
}

/** What a container needs to list its children. */
export interface TreeContext {
  /** The row of an id, made once and then reused, so `fire(node)` and VS Code's element map stay in sync. */
  row<T extends Node>(id: string, make: () => T): T;
  /** Drops the row of an id and every cached row below it (a row that moved elsewhere). */
  forget(id: string): void;
  /** What the explorer shows of a scope under the current options (computed once per change). */
  view(model: ScopeModel): ScopeView;
  /** WorkSpace rows shown under a parent before its "Show more" row. */
  limit(parent: Node): number;
  /** How many more rows one "Show more" shows. */
  readonly pageRows: number;
  /** When the extension first saw the WorkSpace in its current state (notes it now if new). */
  stateSince(model: ScopeModel, ws: WorkspaceView): number | undefined;
  /** Draws a row (and its children) again: data it shows arrived after it was drawn. */
  refresh(node: Node): void;
}

/** A row with children. */
export abstract class ContainerNode extends Node {
  abstract children(ctx: TreeContext): Node[];
}

export function themeIcon(spec: IconSpec): vscode.ThemeIcon {
  return new vscode.ThemeIcon(spec.id, spec.color ? new vscode.ThemeColor(spec.color) : undefined);
}

/**
 * An API string as inline code: nothing inside a code span is interpreted (no link, autolink,
 * image or HTML). A backtick would end the span and a line ending (CommonMark: \n, \r\n or a lone
 * \r) could end the paragraph and the span with it, so both are replaced.
 */
function codeSpan(value: string): string {
  return `\`${value.replace(/`/g, "'").replace(/\r\n?|\n/g, ' ')}\``;
}

/**
 * A tooltip of label/value rows; the title and values are API strings (untrusted): code spans.
 * Rows whose value is empty are left out.
 */
export function fieldsTooltip(title: string, fields: ReadonlyArray<readonly [string, string]>): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  // appendText escapes Markdown syntax but not bare URLs, <autolinks> or www. names (GFM links).
  md.appendMarkdown(`**${codeSpan(title)}**\n\n`);
  for (const [k, v] of fields) {
    if (v === '') continue;
    md.appendText(k);
    md.appendMarkdown(`: ${codeSpan(v)}  \n`);
  }
  return md;
}

/** A TreeItem with the row's id, label, collapsible state and the usual fields. */
export function item(
  node: Node,
  label: string,
  collapsible: vscode.TreeItemCollapsibleState,
  fields: Pick<vscode.TreeItem, 'description' | 'iconPath' | 'contextValue' | 'tooltip' | 'command'>,
): vscode.TreeItem {
  const it = new vscode.TreeItem(label, collapsible);
  it.id = node.id;
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) (it as unknown as Record<string, unknown>)[k] = v;
  return it;
}
