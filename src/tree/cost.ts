// The "Cost & usage" part of each scope in the explorer: one row per scope (collapsed; expanding it
// reads the scope's usage from CloudWatch), under it one group per kind of advice (switch to
// AlwaysOn, switch to AutoStop, unused, keep, skipped, no advice) with its WorkSpaces, whose rows
// say the advice and its numbers. A profile without cloudwatch:GetMetricData gets one error row
// here; nothing else in the tree depends on it.
//
// The rows reach the usage store through advice.ts (set once by costSetup.ts): the tree's context
// is the provider's, which knows nothing of usage.
import * as vscode from 'vscode';
import { AWS_ERROR_TITLES } from '../core/errors';
import { ADVICE_KINDS, ADVICE_TITLES, type Advice, type AdviceKind } from '../core/usage';
import type { ScopeModel } from '../fleet/scopeModel';
import type { ScopeUsage } from '../fleet/usage';
import { count, page } from '../fleet/view';
import { usageStore } from './advice';
import { ContainerNode, fieldsTooltip, item, Node, type TreeContext } from './node';
import { InfoNode, LoadMoreNode, WorkspaceNode } from './rows';

const { Collapsed, None } = vscode.TreeItemCollapsibleState;

/** The cost row last made for each scope (to refresh it when its usage changes). */
const costRows = new WeakMap<ScopeModel, CostNode>();

/** The "Cost & usage" row of a scope, if the tree made one. */
export function costRowOf(model: ScopeModel): CostNode | undefined {
  return costRows.get(model);
}

/** The cost row of a scope, made through the provider's row cache (containers.ts adds it to the scope's rows). */
export function costRow(parent: Node, model: ScopeModel, ctx: TreeContext): Node[] {
  if (!usageStore()) return [];
  const row = ctx.row(CostNode.idFor(model), () => new CostNode(parent, model));
  costRows.set(model, row);
  return [row];
}

/** "Estimates" caveat, said wherever hours are shown. */
export const ESTIMATE_NOTE =
  'Hours are estimates from CloudWatch UserConnected (hourly), counted as the AWS Cost Optimizer for WorkSpaces counts them; they are not the billed hours.';

const ADVICE_ICONS: Readonly<Record<AdviceKind, [string, string?]>> = {
  toAlwaysOn: ['arrow-up', 'editorWarning.foreground'],
  onPace: ['graph-line', 'editorWarning.foreground'],
  toAutoStop: ['arrow-down', 'charts.blue'],
  unused: ['trash', 'charts.red'],
  keep: ['check', 'charts.green'],
  skipped: ['circle-slash'],
  none: ['question'],
};

function adviceIcon(kind: AdviceKind): vscode.ThemeIcon {
  const [id, color] = ADVICE_ICONS[kind];
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

/** "2 to switch · 1 unused" or the read's state. */
function summary(u: ScopeUsage, counts: Map<AdviceKind, number>): string {
  if (u.state === 'idle') return 'expand to read from CloudWatch';
  if (u.state === 'loading') {
    return u.progress.total ? `reading… ${count(u.progress.done)} of ${count(u.progress.total)}` : 'reading…';
  }
  if (u.state === 'error' && u.records.size === 0) return 'failed';
  const switches = (counts.get('toAlwaysOn') ?? 0) + (counts.get('toAutoStop') ?? 0);
  const unused = counts.get('unused') ?? 0;
  const onPace = counts.get('onPace') ?? 0;
  const parts = [
    switches ? `${count(switches)} to switch` : '',
    onPace ? `${count(onPace)} on pace for AlwaysOn` : '',
    unused ? `${count(unused)} unused` : '',
  ].filter(Boolean);
  return `${parts.length ? parts.join(' · ') : 'nothing to change'} · estimates`;
}

export class CostNode extends ContainerNode {
  readonly kind = 'cost';
  static idFor(model: ScopeModel): string {
    return `cost:${model.key}`;
  }
  constructor(
    parent: Node,
    readonly model: ScopeModel,
  ) {
    super(CostNode.idFor(model), parent);
  }
  override get scopeModel(): ScopeModel {
    return this.model;
  }
  private counts(): Map<AdviceKind, number> {
    const out = new Map<AdviceKind, number>();
    for (const a of usageStore()?.advised(this.model) ?? []) out.set(a.advice.kind, (out.get(a.advice.kind) ?? 0) + 1);
    return out;
  }
  children(ctx: TreeContext): Node[] {
    const usage = usageStore();
    if (!usage) return [];
    usage.ensureLoaded(this.model);
    const u = usage.of(this.model);
    const rows: Node[] = [];
    if (u.state === 'error' && u.error) rows.push(new CostErrorNode(this, u));
    if (u.state === 'loading' && u.records.size === 0) {
      const of = u.progress.total ? ` (${count(u.progress.done)} of ${count(u.progress.total)})` : '';
      return [new InfoNode(this, 'loading', `Reading usage from CloudWatch…${of}`, 'loading~spin')];
    }
    const byKind = new Map<AdviceKind, number>();
    for (const a of usage.advised(this.model)) byKind.set(a.advice.kind, (byKind.get(a.advice.kind) ?? 0) + 1);
    for (const kind of ADVICE_KINDS) {
      const n = byKind.get(kind) ?? 0;
      if (n === 0) continue;
      rows.push(ctx.row(CostGroupNode.idFor(this, kind), () => new CostGroupNode(this, kind)).update(n));
    }
    if (u.tagsPending > 0) {
      rows.push(
        new InfoNode(this, 'tags', `Checking the skip tag of ${count(u.tagsPending)} WorkSpaces…`, 'loading~spin'),
      );
    }
    if (u.state === 'loaded' && u.records.size === 0) {
      rows.push(new InfoNode(this, 'empty', 'No WorkSpaces in this region', 'info'));
    }
    return rows;
  }
  treeItem(): vscode.TreeItem {
    const u = usageStore()?.of(this.model);
    const description = u ? summary(u, this.counts()) : '';
    const months = u?.thisMonth && u.lastMonth ? `${u.lastMonth.key} and ${u.thisMonth.key} (UTC)` : '';
    return item(this, 'Cost & usage', Collapsed, {
      description,
      iconPath: new vscode.ThemeIcon('graph'),
      contextValue: `cost:${u?.state ?? 'idle'}`,
      tooltip: fieldsTooltip('Cost & usage', [
        ['What', 'AlwaysOn or AutoStop per WorkSpace, from its connected hours this month and the last'],
        ['Months', months],
        ['Read', u?.loadedAt ? new Date(u.loadedAt).toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : ''],
        [
          'CloudWatch calls',
          u?.stats.calls ? `${count(u.stats.calls)} GetMetricData (${count(u.stats.metrics)} metrics)` : '',
        ],
        ['Note', ESTIMATE_NOTE],
      ]),
    });
  }
}

export class CostGroupNode extends ContainerNode {
  readonly kind = 'costGroup';
  private n = 0;
  static idFor(parent: Node, kind: AdviceKind): string {
    return `${parent.id}/advice:${kind}`;
  }
  constructor(
    parent: CostNode,
    readonly advice: AdviceKind,
  ) {
    super(CostGroupNode.idFor(parent, advice), parent);
  }
  update(n: number): this {
    this.n = n;
    return this;
  }
  /** The WorkSpaces of this group with their advice, by user name. */
  members(): Array<{ id: string; advice: Advice }> {
    const model = this.scopeModel;
    const usage = usageStore();
    if (!model || !usage) return [];
    return usage
      .advised(model)
      .filter((a) => a.advice.kind === this.advice && a.ws.WorkspaceId)
      .sort((a, b) => (a.ws.UserName ?? a.ws.WorkspaceId ?? '').localeCompare(b.ws.UserName ?? b.ws.WorkspaceId ?? ''))
      .map((a) => ({ id: a.ws.WorkspaceId as string, advice: a.advice }));
  }
  children(ctx: TreeContext): Node[] {
    const model = this.scopeModel;
    if (!model) return [];
    const { rows, remaining } = page(this.members(), ctx.limit(this));
    const out: Node[] = [];
    for (const { id, advice } of rows) {
      const ws = model.workspaces.items.get(id);
      if (!ws) continue;
      out.push(
        ctx
          .row(WorkspaceNode.idFor(this, id), () => new AdvisedWorkspaceNode(this, ws, advice))
          .update(ws, ctx.stateSince(model, ws))
          .setAdvice(advice),
      );
    }
    if (remaining > 0) out.push(new LoadMoreNode(this, remaining, ctx.pageRows));
    return out;
  }
  treeItem(): vscode.TreeItem {
    const moved = this.hoursMoved();
    return item(this, ADVICE_TITLES[this.advice], Collapsed, {
      description: `${count(this.n)}${moved ? ` · ${count(Math.round(moved))} h (est.)` : ''}`,
      iconPath: adviceIcon(this.advice),
      contextValue: `costGroup:${this.advice}`,
    });
  }
  private hoursMoved(): number {
    if (this.advice !== 'toAlwaysOn' && this.advice !== 'onPace' && this.advice !== 'toAutoStop') return 0;
    return this.members().reduce((a, m) => a + (m.advice.hoursMoved ?? 0), 0);
  }
}

/** A WorkSpace row under a cost group: the usual row (menus, tooltip), the advice as its description. */
export class AdvisedWorkspaceNode extends WorkspaceNode {
  private advice: Advice;
  constructor(parent: Node, workspace: ConstructorParameters<typeof WorkspaceNode>[1], advice: Advice) {
    super(parent, workspace);
    this.advice = advice;
  }
  override get advisory(): boolean {
    return true;
  }
  setAdvice(advice: Advice): this {
    this.advice = advice;
    return this;
  }
  override treeItem(): vscode.TreeItem {
    const it = super.treeItem();
    it.description = this.advice.text;
    return it;
  }
}

/** The scope's usage could not be read (e.g. no cloudwatch:GetMetricData): one row, click to retry. */
class CostErrorNode extends Node {
  readonly kind = 'error';
  constructor(
    parent: CostNode,
    private readonly u: ScopeUsage,
  ) {
    super(`${parent.id}/error`, parent);
  }
  treeItem(): vscode.TreeItem {
    const e = this.u.error;
    const title = e ? (AWS_ERROR_TITLES[e.kind] ?? 'Failed') : 'Failed';
    return item(this, `Usage: ${title} (click to retry)`, None, {
      description: e?.hint ?? e?.message ?? '',
      iconPath: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')),
      contextValue: 'costError',
      tooltip: fieldsTooltip(`Usage: ${title}`, [
        ['Error', e?.code ?? ''],
        ['Message', e?.message ?? ''],
        ['What to do', e?.hint ?? ''],
      ]),
      command: { command: 'workspacesFleet.refreshUsage', title: 'Retry', arguments: [this] },
    });
  }
}
