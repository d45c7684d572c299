// What the reliability integration tests watch inside the real extension host: promise rejections
// and exceptions nobody handled, every line the extension writes to its log (LogOutputChannel),
// every notification it shows, and the tree as the view shows it. Observers only: each wrapper
// records and then calls the real function.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/extension';
import type { ErrorNode, Node, WorkspaceNode } from '../../src/tree/nodes';
import { ROOT } from './reliability';

/** Unhandled rejections and uncaught exceptions while installed. */
export class LeakWatch {
  readonly leaks: string[] = [];
  private readonly onRejection = (reason: unknown): void =>
    void this.leaks.push(`unhandledRejection: ${describe(reason)}`);
  private readonly onException = (err: unknown): void => void this.leaks.push(`uncaughtException: ${describe(err)}`);

  install(): this {
    process.on('unhandledRejection', this.onRejection);
    process.on('uncaughtException', this.onException);
    return this;
  }

  dispose(): void {
    process.off('unhandledRejection', this.onRejection);
    process.off('uncaughtException', this.onException);
  }
}

function describe(x: unknown): string {
  return x instanceof Error ? `${x.name}: ${x.message}\n${x.stack ?? ''}` : String(x);
}

const LOG_METHODS = ['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace'] as const;

/** Every line the extension writes to its LogOutputChannel, whatever the log level. */
export class LogSpy {
  readonly lines: string[] = [];
  private readonly saved = new Map<string, unknown>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  install(): this {
    const target = this.log as unknown as Record<string, unknown>;
    for (const m of LOG_METHODS) {
      const real = target[m] as (...a: unknown[]) => unknown;
      this.saved.set(m, real);
      target[m] = (...args: unknown[]) => {
        this.lines.push(
          `${m} ${args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? `${a.message} ${a.stack ?? ''}` : JSON.stringify(a))).join(' ')}`,
        );
        return real.apply(this.log, args);
      };
    }
    return this;
  }

  dispose(): void {
    const target = this.log as unknown as Record<string, unknown>;
    for (const [m, f] of this.saved) target[m] = f;
  }
}

/** The file VS Code writes the extension's LogOutputChannel to (info level and above). */
export function logFile(context: vscode.ExtensionContext, name = 'WorkSpaces'): string {
  return join(context.logUri.fsPath, `${name}.log`);
}

/** The extension host's console, kept by the integration harness (test/harness/integration.ts). */
export const HOST_LOG = join(ROOT, 'test-results', 'integration-host.log');

export function readIfThere(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
}

export interface Shown {
  kind: 'info' | 'warning' | 'error';
  message: string;
  detail?: string;
  items: string[];
}

const MESSAGE_FNS = {
  info: 'showInformationMessage',
  warning: 'showWarningMessage',
  error: 'showErrorMessage',
} as const;

/** Every notification (and modal) the extension shows; the real one is still shown. */
export class NotificationSpy {
  readonly shown: Shown[] = [];
  private readonly saved = new Map<string, unknown>();

  install(): this {
    const w = vscode.window as unknown as Record<string, unknown>;
    for (const [kind, fn] of Object.entries(MESSAGE_FNS) as Array<[Shown['kind'], string]>) {
      const real = w[fn] as (...a: unknown[]) => unknown;
      this.saved.set(fn, real);
      w[fn] = (message: string, ...rest: unknown[]) => {
        const opts =
          rest.length > 0 && typeof rest[0] === 'object' && rest[0] !== null && !('title' in rest[0])
            ? (rest[0] as vscode.MessageOptions)
            : undefined;
        const items = (opts ? rest.slice(1) : rest).map((i) =>
          typeof i === 'string' ? i : ((i as vscode.MessageItem)?.title ?? ''),
        );
        this.shown.push({ kind, message, ...(opts?.detail !== undefined ? { detail: opts.detail } : {}), items });
        // A modal would wait for a person: answer it as Escape does.
        if (opts?.modal) return Promise.resolve(undefined);
        return real.call(vscode.window, message, ...rest);
      };
    }
    return this;
  }

  dispose(): void {
    const w = vscode.window as unknown as Record<string, unknown>;
    for (const [fn, f] of this.saved) w[fn] = f;
  }
}

// ---- the tree ---------------------------------------------------------------------------------

const CONTAINERS = new Set(['profile', 'region', 'category', 'directory', 'group']);

export function treeItem(api: TestingApi, node: Node): vscode.TreeItem {
  return api.services.provider.getTreeItem(node);
}

export function labelOf(api: TestingApi, node: Node): string {
  const l = treeItem(api, node).label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}

/** Every node of the tree, depth first (children asked from the real provider). */
export function allNodes(api: TestingApi, from?: Node): Node[] {
  const out: Node[] = [];
  const stack = [...api.services.provider.getChildren(from)].reverse();
  while (stack.length) {
    const n = stack.pop() as Node;
    out.push(n);
    if (CONTAINERS.has(n.kind)) stack.push(...[...api.services.provider.getChildren(n)].reverse());
  }
  return out;
}

/** The node that holds a scope's sections: its region node, or the profile node of a one-region profile. */
export function scopeNode(api: TestingApi, profile: string, region: string): Node | undefined {
  const p = api.services.provider.getChildren().find((n) => n.kind === 'profile' && labelOf(api, n) === profile);
  if (!p) return undefined;
  const kids = api.services.provider.getChildren(p);
  return (
    kids.find((n) => n.kind === 'region' && labelOf(api, n) === region) ??
    (kids.some((n) => n.kind === 'region') ? undefined : p)
  );
}

export interface ScopeRows {
  /** WorkSpace id → how many rows show it under the scope's WorkSpaces section. */
  rows: Map<string, number>;
  /** Error rows under the scope (its own, or its sections'). */
  errors: ErrorNode[];
  /** The scope's direct children labels. */
  children: string[];
}

/** What the view shows for one scope: WorkSpace rows of its WorkSpaces section and error rows. */
export function scopeRows(api: TestingApi, container: Node): ScopeRows {
  const rows = new Map<string, number>();
  const errors: ErrorNode[] = [];
  const kids = api.services.provider.getChildren(container);
  for (const k of kids) {
    if (k.kind === 'error') errors.push(k as ErrorNode);
    if (k.kind !== 'category') continue;
    const section = allNodes(api, k);
    for (const n of section) if (n.kind === 'error') errors.push(n as ErrorNode);
    if ((k as unknown as { section: string }).section !== 'workspaces') continue;
    for (const n of section) {
      if (n.kind !== 'workspace') continue;
      const id = (n as WorkspaceNode).workspaceId;
      rows.set(id, (rows.get(id) ?? 0) + 1);
    }
  }
  return { rows, errors, children: kids.map((n) => labelOf(api, n)) };
}
