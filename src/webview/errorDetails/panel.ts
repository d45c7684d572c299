// The error-details webview of images, pools, WorkSpaces and directories: one panel per target
// (re-opening focuses it), the typed
// protocol in ./protocol.ts, the page in ./page/main.ts. Data is re-described only through the
// injected ErrorTargetLoader, links open only through vscode.env.openExternal after the allow-list
// in ./links.ts, and the panel survives hiding and window reloads through the page's setState and
// the serializer below (no retainContextWhenHidden).
import * as vscode from 'vscode';
import { errorMessage } from '../../core/errors';
import { buildHtml, createNonce } from '../host/html';
import { isAllowedLink } from '../host/links';
import { buildErrorView, viewToMarkdown } from './model';
import {
  VIEW_TYPE,
  parsePageMessage,
  parsePageState,
  targetKeyOf,
  type ErrorView,
  type ExtensionMessage,
  type PageMessage,
  type PageState,
  type RenderedReport,
} from './protocol';
import { stubTarget, targetId, targetName, type ErrorTarget, type ErrorTargetLoader } from './target';

export { VIEW_TYPE } from './protocol';
export type { ErrorTarget, ErrorTargetLoader } from './target';
export type { RenderedReport } from './protocol';

export class ErrorDetailsPanel implements vscode.Disposable {
  public static readonly viewType = VIEW_TYPE;
  private static readonly panels = new Map<string, ErrorDetailsPanel>();

  /** Opens the panel of a target, or focuses (and updates) the one already open for it. */
  public static show(
    extensionUri: vscode.Uri,
    target: ErrorTarget,
    loader: ErrorTargetLoader,
    log?: vscode.LogOutputChannel,
  ): ErrorDetailsPanel {
    const key = targetKeyOf(target.kind, target.scope, targetId(target));
    const existing = ErrorDetailsPanel.panels.get(key);
    if (existing) {
      existing.update(target);
      existing.panel.reveal(undefined, false);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      ErrorDetailsPanel.titleOf(target),
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      ErrorDetailsPanel.webviewOptions(extensionUri),
    );
    return new ErrorDetailsPanel(panel, extensionUri, target, loader, log, undefined);
  }

  /**
   * Restores a panel VS Code kept across a window reload, from the state the page saved: shows the
   * cached view at once, then re-describes the target through the loader.
   */
  public static revive(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    rawState: unknown,
    loader: ErrorTargetLoader,
    log?: vscode.LogOutputChannel,
  ): ErrorDetailsPanel | undefined {
    const state = parsePageState(rawState);
    if (!state) {
      log?.warn('Image errors: nothing to restore in a saved panel; closing it');
      panel.dispose();
      return undefined;
    }
    panel.webview.options = ErrorDetailsPanel.webviewOptions(extensionUri);
    const target = stubTarget(state.kind, state.scope, state.id, state.name ?? state.view?.name);
    const existing = ErrorDetailsPanel.panels.get(targetKeyOf(state.kind, state.scope, state.id));
    existing?.dispose();
    return new ErrorDetailsPanel(panel, extensionUri, target, loader, log, state);
  }

  /** The open panel of a target, if any (tests, commands). */
  public static find(target: Pick<ErrorTarget, 'kind' | 'scope'> & { id: string }): ErrorDetailsPanel | undefined {
    return ErrorDetailsPanel.panels.get(targetKeyOf(target.kind, target.scope, target.id));
  }

  /** Every open panel. */
  public static all(): ErrorDetailsPanel[] {
    return [...ErrorDetailsPanel.panels.values()];
  }

  private static webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [
        vscode.Uri.joinPath(extensionUri, 'dist', 'webview'),
        vscode.Uri.joinPath(extensionUri, 'media'),
      ],
    };
  }

  private static titleOf(target: ErrorTarget): string {
    return targetName(target) || targetId(target) || 'Error details';
  }

  public readonly key: string;
  private target: ErrorTarget;
  private view: ErrorView;
  private ready = false;
  private busy = false;
  private refreshing: Promise<void> | undefined;
  private disposed = false;
  private rendered: RenderedReport | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly renderEmitter = new vscode.EventEmitter<RenderedReport>();
  private readonly disposeEmitter = new vscode.EventEmitter<void>();

  /** Fires each time the page reports what it rendered (read back from its DOM). */
  public readonly onDidRender = this.renderEmitter.event;
  public readonly onDidDispose = this.disposeEmitter.event;

  private constructor(
    public readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    target: ErrorTarget,
    private readonly loader: ErrorTargetLoader,
    private readonly log: vscode.LogOutputChannel | undefined,
    restored: PageState | undefined,
  ) {
    this.target = target;
    this.key = targetKeyOf(target.kind, target.scope, targetId(target));
    this.view = restored?.view ?? buildErrorView(target, new Date(loader.clock.now()));
    ErrorDetailsPanel.panels.set(this.key, this);

    this.disposables.push(
      this.renderEmitter,
      this.disposeEmitter,
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parsePageMessage(raw);
        if (!message) {
          this.log?.warn('Image errors: ignored an unexpected message from the webview');
          return;
        }
        this.receive(message).catch((err: unknown) => this.log?.error(`Image errors: ${errorMessage(err)}`));
      }),
    );
    this.panel.title = this.view.name || ErrorDetailsPanel.titleOf(target);
    this.panel.webview.html = this.html();
    if (restored) void this.refresh();
  }

  /** The target currently shown. */
  public get current(): ErrorTarget {
    return this.target;
  }

  /** The view last sent to the page. */
  public get currentView(): ErrorView {
    return this.view;
  }

  /** What the page last reported it rendered (undefined until it has rendered once). */
  public get lastRendered(): RenderedReport | undefined {
    return this.rendered;
  }

  /** Shows new data for the same target (e.g. the tree re-described it). */
  public update(target: ErrorTarget): void {
    this.target = target;
    this.view = buildErrorView(target, new Date(this.loader.clock.now()));
    this.panel.title = this.view.name || ErrorDetailsPanel.titleOf(target);
    this.post({ type: 'render', view: this.view });
  }

  /** Re-describes the target through the loader and re-renders; a failure is shown in the page. */
  public refresh(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    this.setBusy(true);
    try {
      const fresh = await this.loader.reload(this.target);
      if (this.disposed) return;
      this.log?.info(`Image errors: reloaded ${this.target.kind} ${targetId(fresh)} (${this.target.scope.region})`);
      this.update(fresh);
    } catch (err) {
      const text = errorMessage(err);
      this.log?.error(`Image errors: could not reload ${this.target.kind} ${targetId(this.target)}: ${text}`);
      this.post({ type: 'notice', level: 'error', text: `Refresh failed: ${text}` });
    } finally {
      this.setBusy(false);
    }
  }

  /** The Markdown export of what is shown, copied to the clipboard; returns the Markdown. */
  public async copyMarkdown(): Promise<string> {
    const markdown = viewToMarkdown(this.view);
    try {
      await vscode.env.clipboard.writeText(markdown);
      this.post({ type: 'notice', level: 'info', text: 'Copied as Markdown.' });
    } catch (err) {
      this.log?.error(`Image errors: clipboard write failed: ${errorMessage(err)}`);
      this.post({ type: 'notice', level: 'error', text: 'Could not write to the clipboard.' });
    }
    return markdown;
  }

  /** Opens a URL externally if the allow-list accepts it; returns whether it did. */
  public async openLink(url: string): Promise<boolean> {
    if (!isAllowedLink(url)) {
      this.log?.warn(
        `Image errors: refused to open a link outside https://*.aws.amazon.com: ${JSON.stringify(url.slice(0, 200))}`,
      );
      this.post({ type: 'notice', level: 'error', text: 'Only AWS documentation and console links can be opened.' });
      return false;
    }
    return vscode.env.openExternal(vscode.Uri.parse(url, true));
  }

  /** Handles one (validated) message from the page. Public so integration tests can drive it. */
  public async receive(message: PageMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.post({ type: 'render', view: this.view });
        if (this.busy) this.post({ type: 'busy', busy: true });
        return;
      case 'refresh':
        return this.refresh();
      case 'copyMarkdown':
        await this.copyMarkdown();
        return;
      case 'openConsole':
        if (this.view.consoleUrl) await this.openLink(this.view.consoleUrl);
        return;
      case 'openLink':
        await this.openLink(message.url);
        return;
      case 'rendered': {
        const { type: _type, ...report } = message;
        this.rendered = report;
        this.renderEmitter.fire(report);
        return;
      }
    }
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.post({ type: 'busy', busy });
  }

  private post(message: ExtensionMessage): void {
    if (this.disposed || !this.ready) return;
    // A hidden panel has no live page (no retainContextWhenHidden): the message is dropped and the
    // page asks again with `ready` when it is shown, getting the current view then.
    this.panel.webview.postMessage(message).then(undefined, (err: unknown) => {
      this.log?.debug(`Image errors: post failed: ${errorMessage(err)}`);
    });
  }

  private html(): string {
    const webview = this.panel.webview;
    const root = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    return buildHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.css')).toString(),
      title: this.view.name || 'Errors',
    });
  }

  public dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (ErrorDetailsPanel.panels.get(this.key) === this) ErrorDetailsPanel.panels.delete(this.key);
    this.disposeEmitter.fire();
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** The serializer that restores panels after a window reload; exported for tests. */
export function errorDetailsSerializer(
  extensionUri: vscode.Uri,
  loader: ErrorTargetLoader,
  log?: vscode.LogOutputChannel,
): vscode.WebviewPanelSerializer {
  return {
    deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
      ErrorDetailsPanel.revive(panel, extensionUri, state, loader, log);
      return Promise.resolve();
    },
  };
}

/** Registers the serializer for the panel's viewType (call once from activate). */
export function registerErrorDetailsSerializer(
  context: vscode.ExtensionContext,
  loader: ErrorTargetLoader,
  log?: vscode.LogOutputChannel,
): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(
    VIEW_TYPE,
    errorDetailsSerializer(context.extensionUri, loader, log),
  );
}
