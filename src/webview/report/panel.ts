// The fleet report webview: charts of the fleet (states per region, running modes, days since the
// last connection, estimated hours per compute type against its threshold, the recommendations and
// the hours they move) for one scope or all. Hosted like every panel (../host/host.ts: a shell with
// a strict CSP and a nonce, the page's messages validated), the page bundle dist/webview/report.js
// (Chart.js bundled in, no CDN), a typed protocol (./protocol.ts), the page fed only data that it
// draws as text and canvas. Reading usage for the scopes shown starts when
// the report opens; the page is redrawn (debounced) as data arrives.
import * as vscode from 'vscode';
import type { ScopeModel } from '../../fleet/scopeModel';
import type { Services } from '../../services';
import { HostedPanel, WebviewHost, type Handled, type PanelContext } from '../host/host';
import { buildReport, pngBytes, reportToMarkdown, type ReportInput } from './model';
import {
  parseReportPageMessage,
  parseReportPageState,
  REPORT_VIEW_TYPE,
  type ReportMessage,
  type ReportPageMessage,
  type ReportPageState,
  type ReportView,
} from './protocol';

/** Which scopes a report shows: every scope of the fleet, or one. */
export type ReportScopes = 'all' | ScopeModel;

const REBUILD_MS = 300;
const PNG_TIMEOUT_MS = 30_000;

const host = new WebviewHost<ReportPageMessage, ReportMessage, ReportPageState, ReportPanel>({
  viewType: REPORT_VIEW_TYPE,
  page: 'report',
  label: 'Fleet report',
  parseMessage: parseReportPageMessage,
  parseState: parseReportPageState,
});

export class ReportPanel extends HostedPanel<ReportPageMessage, ReportMessage, ReportView> {
  /** Opens the report of these scopes, or focuses the one already open. */
  static show(s: Services, which: ReportScopes): ReportPanel {
    const existing = host.find(keyOf(which));
    if (existing) {
      existing.panel.reveal(undefined, false);
      existing.start();
      return existing;
    }
    return host.open(s.context.extensionUri, s.log, {
      key: keyOf(which),
      title: `Fleet report: ${titleOf(which)}`,
      make: (context) => new ReportPanel(context, s, which),
    });
  }

  static find(which: ReportScopes): ReportPanel | undefined {
    return host.find(keyOf(which));
  }

  static all(): ReportPanel[] {
    return host.all();
  }

  private view: ReportView;
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    context: PanelContext<ReportPageMessage>,
    private readonly s: Services,
    private readonly which: ReportScopes,
  ) {
    super(context, 'Fleet report');
    this.view = this.build();
    const later = (): void => this.schedule();
    s.usage.on('change', later);
    s.fleet.on('scope', later);
    s.fleet.on('profiles', later);
    this.disposables.push({
      dispose: () => {
        if (this.timer) clearTimeout(this.timer);
        s.usage.off('change', later);
        s.fleet.off('scope', later);
        s.fleet.off('profiles', later);
      },
    });
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

  /** Starts the listings and usage reads the report needs (those never done). */
  start(): void {
    for (const model of this.scopes()) {
      model.ensureLoaded();
      this.s.usage.ensureLoaded(model);
    }
  }

  /** Re-reads the usage of every scope shown. */
  async refresh(): Promise<void> {
    this.setBusy(true);
    try {
      await Promise.all(this.scopes().map((m) => this.s.usage.load(m)));
    } finally {
      this.setBusy(false);
    }
  }

  async copyMarkdown(): Promise<string> {
    const markdown = reportToMarkdown(this.view);
    await vscode.env.clipboard.writeText(markdown);
    this.notice('info', 'Copied as Markdown.');
    return markdown;
  }

  /**
   * Has the page draw the charts as one PNG and writes it to `target` (asked with a save dialog
   * when absent). Returns where it was written, or undefined (cancelled, or no PNG came: a hidden
   * page cannot answer, it is not kept alive when hidden).
   */
  async exportPng(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const reply = await this.request((requestId) => ({ type: 'exportPng', requestId }), PNG_TIMEOUT_MS);
    return reply?.type === 'png' ? this.savePng(reply.dataUrl, target) : undefined;
  }

  private async savePng(dataUrl: string, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const bytes = pngBytes(dataUrl);
    if (!bytes) {
      this.notice('error', 'The page did not produce a PNG image.');
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
    this.log.info(`saved as PNG: ${uri.fsPath} (${bytes.length} bytes)`);
    this.notice('info', `Saved ${uri.path.split('/').pop() ?? 'the PNG'}.`);
    return uri;
  }

  protected async handle(message: Handled<ReportPageMessage>): Promise<void> {
    switch (message.type) {
      case 'refresh':
        return this.refresh();
      case 'copyMarkdown':
        await this.copyMarkdown();
        return;
      case 'savePng':
        await this.exportPng();
        return;
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
        error: u.error ? `${u.error.message}${u.error.hint ? ` ${u.error.hint}` : ''}` : undefined,
        records: u.records,
        advice: (ws) => this.s.usage.advice(model, ws.WorkspaceId ?? ''),
      };
    });
    return buildReport(titleOf(this.which), inputs, this.s.usage.settings(), this.s.usage.now());
  }

  private schedule(): void {
    if (this.isDisposed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.isDisposed) return;
      const next = this.build();
      // A poll tick changes rows every few seconds; when nothing the report shows changed, the page
      // is left alone (a render replaces its DOM: a person's text selection or focus would go).
      if (sameReport(next, this.view)) return;
      this.view = next;
      this.render();
    }, REBUILD_MS);
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
