// The fleet report webview: charts of the fleet (states per region, running modes, days since the
// last connection, estimated hours per compute type against its threshold, the recommendations and
// the hours they move) for one scope or all. Follows the error-details panel's patterns: a shell
// with a strict CSP and a nonce (../html.ts), the page bundle dist/webview/report.js (Chart.js
// bundled in, no CDN), a typed protocol (./protocol.ts) whose page messages are validated, the page
// fed only data that it draws as text and canvas. Reading usage for the scopes shown starts when
// the report opens; the page is redrawn (debounced) as data arrives.
import * as vscode from 'vscode';
import { errorMessage } from '../../core/errors';
import type { ScopeModel } from '../../fleet/scopeModel';
import type { Services } from '../../services';
import { buildHtml, createNonce } from '../host/html';
import { buildReport, pngBytes, reportToMarkdown, type ReportInput } from './model';
import {
  parseReportPageMessage,
  REPORT_VIEW_TYPE,
  type RenderedReport,
  type ReportMessage,
  type ReportPageMessage,
  type ReportView,
} from './protocol';

/** Which scopes a report shows: every scope of the fleet, or one. */
export type ReportScopes = 'all' | ScopeModel;

const REBUILD_MS = 300;
const PNG_TIMEOUT_MS = 30_000;

export class ReportPanel implements vscode.Disposable {
  private static readonly panels = new Map<string, ReportPanel>();

  /** Opens the report of these scopes, or focuses the one already open. */
  static show(s: Services, which: ReportScopes): ReportPanel {
    const key = keyOf(which);
    const existing = ReportPanel.panels.get(key);
    if (existing) {
      existing.panel.reveal(undefined, false);
      existing.start();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      REPORT_VIEW_TYPE,
      `Fleet report: ${titleOf(which)}`,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      {
        enableScripts: true,
        enableFindWidget: true,
        localResourceRoots: [vscode.Uri.joinPath(s.context.extensionUri, 'dist', 'webview')],
      },
    );
    return new ReportPanel(panel, s, which, key);
  }

  static find(which: ReportScopes): ReportPanel | undefined {
    return ReportPanel.panels.get(keyOf(which));
  }

  static all(): ReportPanel[] {
    return [...ReportPanel.panels.values()];
  }

  private view: ReportView;
  private ready = false;
  private disposed = false;
  private timer: NodeJS.Timeout | undefined;
  private rendered: RenderedReport | undefined;
  private pendingPng: { resolve: (dataUrl: string | undefined) => void } | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly renderEmitter = new vscode.EventEmitter<RenderedReport>();
  /** Fires each time the page reports what it drew. */
  readonly onDidRender = this.renderEmitter.event;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly s: Services,
    private readonly which: ReportScopes,
    readonly key: string,
  ) {
    ReportPanel.panels.set(key, this);
    this.view = this.build();
    const later = (): void => this.schedule();
    s.usage.on('change', later);
    s.fleet.on('scope', later);
    s.fleet.on('profiles', later);
    this.disposables.push(
      this.renderEmitter,
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseReportPageMessage(raw);
        if (!message) {
          s.log.warn('Fleet report: ignored an unexpected message from the webview');
          return;
        }
        this.receive(message).catch((e: unknown) => s.log.error(`Fleet report: ${errorMessage(e)}`));
      }),
      {
        dispose: () => {
          s.usage.off('change', later);
          s.fleet.off('scope', later);
          s.fleet.off('profiles', later);
        },
      },
    );
    panel.webview.html = this.html();
    this.start();
  }

  /** The scopes shown now (a scope that left the fleet is dropped). */
  scopes(): ScopeModel[] {
    if (this.which === 'all') return this.s.fleet.allScopes();
    const live = this.s.fleet.scopeModel(this.which.scope);
    return live ? [live] : [];
  }

  /** The view last built. */
  get currentView(): ReportView {
    return this.view;
  }

  /** What the page last reported it drew. */
  get lastRendered(): RenderedReport | undefined {
    return this.rendered;
  }

  /** Starts the listings and usage reads the report needs (those never done). */
  start(): void {
    for (const model of this.scopes()) {
      model.ensureLoaded();
      this.s.usage.ensureLoaded(model);
    }
  }

  /** Re-reads the usage of every scope shown. */
  async refresh(): Promise<void> {
    this.post({ type: 'busy', busy: true });
    try {
      await Promise.all(this.scopes().map((m) => this.s.usage.load(m)));
    } finally {
      this.post({ type: 'busy', busy: false });
    }
  }

  async copyMarkdown(): Promise<string> {
    const markdown = reportToMarkdown(this.view);
    await vscode.env.clipboard.writeText(markdown);
    this.post({ type: 'notice', level: 'info', text: 'Copied as Markdown.' });
    return markdown;
  }

  /**
   * Has the page draw the charts as one PNG and writes it to `target` (asked with a save dialog
   * when absent). Returns where it was written, or undefined (cancelled, or no PNG came).
   */
  async exportPng(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    this.pendingPng?.resolve(undefined);
    const dataUrl = await new Promise<string | undefined>((resolve) => {
      // A hidden page cannot answer (it is not kept alive when hidden): give up after a while.
      const timer = setTimeout(() => resolve(undefined), PNG_TIMEOUT_MS);
      this.pendingPng = {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
      };
      this.post({ type: 'exportPng' });
    });
    return dataUrl ? this.savePng(dataUrl, target) : undefined;
  }

  private async savePng(dataUrl: string, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const bytes = pngBytes(dataUrl);
    if (!bytes) {
      this.post({ type: 'notice', level: 'error', text: 'The page did not produce a PNG image.' });
      return undefined;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `workspaces-report-${this.view.generatedAt.slice(0, 10)}.png`;
    const uri =
      target ??
      (await vscode.window.showSaveDialog({
        title: 'Save the fleet report as PNG',
        filters: { 'PNG image': ['png'] },
        ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
      }));
    if (!uri) return undefined;
    await vscode.workspace.fs.writeFile(uri, bytes);
    this.s.log.info(`Fleet report saved as PNG: ${uri.fsPath} (${bytes.length} bytes)`);
    this.post({ type: 'notice', level: 'info', text: `Saved ${uri.path.split('/').pop() ?? 'the PNG'}.` });
    return uri;
  }

  /** Handles one validated message from the page (public for the integration tests). */
  async receive(message: ReportPageMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.post({ type: 'render', view: this.view });
        return;
      case 'refresh':
        return this.refresh();
      case 'copyMarkdown':
        await this.copyMarkdown();
        return;
      case 'savePng':
        await this.exportPng();
        return;
      case 'png': {
        const pending = this.pendingPng;
        this.pendingPng = undefined;
        if (pending) pending.resolve(message.dataUrl);
        return;
      }
      case 'rendered': {
        const { type: _type, ...report } = message;
        this.rendered = report;
        this.renderEmitter.fire(report);
        return;
      }
    }
  }

  private build(): ReportView {
    const inputs: ReportInput[] = this.scopes().map((model) => {
      const u = this.s.usage.of(model);
      return {
        profile: model.scope.profile,
        region: model.scope.region,
        workspaces: [...model.workspaces.items.values()],
        usage: u.state,
        ...(u.error ? { error: `${u.error.message}${u.error.hint ? ` ${u.error.hint}` : ''}` } : {}),
        records: u.records,
        advice: (ws) => this.s.usage.advice(model, ws.WorkspaceId ?? ''),
      };
    });
    return buildReport(titleOf(this.which), inputs, this.s.usage.settings(), this.s.usage.now());
  }

  private schedule(): void {
    if (this.disposed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.disposed) return;
      const next = this.build();
      // A poll tick changes rows every few seconds; when nothing the report shows changed, the page
      // is left alone (a render replaces its DOM: a person's text selection or focus would go).
      if (sameReport(next, this.view)) return;
      this.view = next;
      this.post({ type: 'render', view: this.view });
    }, REBUILD_MS);
  }

  private post(message: ReportMessage): void {
    if (this.disposed || !this.ready) return;
    this.panel.webview.postMessage(message).then(undefined, (e: unknown) => {
      this.s.log.debug(`Fleet report: post failed: ${errorMessage(e)}`);
    });
  }

  private html(): string {
    const webview = this.panel.webview;
    const root = vscode.Uri.joinPath(this.s.context.extensionUri, 'dist', 'webview');
    return buildHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'report.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'report.css')).toString(),
      title: titleOf(this.which),
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.pendingPng?.resolve(undefined);
    if (ReportPanel.panels.get(this.key) === this) ReportPanel.panels.delete(this.key);
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function keyOf(which: ReportScopes): string {
  return which === 'all' ? 'all' : which.key;
}

/** What the report is about: "All profiles and regions", or "sandbox-prod · us-east-1". */
function titleOf(which: ReportScopes): string {
  return which === 'all' ? 'All profiles and regions' : `${which.scope.profile} · ${which.scope.region}`;
}

/** Whether two reports show the same, whenever they were built. */
function sameReport(a: ReportView, b: ReportView): boolean {
  return JSON.stringify({ ...a, generatedAt: '' }) === JSON.stringify({ ...b, generatedAt: '' });
}
