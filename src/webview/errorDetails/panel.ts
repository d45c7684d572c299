// The error-details webview of images, pools, WorkSpaces and directories: one panel per target
// (re-opening focuses it), the typed protocol in ./protocol.ts, the page in ./page/main.ts, the
// rest (handshake, posting, the HTML shell, message validation, restoring) in ../host/host.ts.
// Data is re-described only through the injected ErrorTargetLoader, links open only through
// vscode.env.openExternal after the allow-list in ../host/links.ts, and the panel survives hiding
// and window reloads through the page's setState and the serializer below (no
// retainContextWhenHidden).
import * as vscode from 'vscode';
import { errorMessage } from '../../core/errors';
import { HostedPanel, WebviewHost, type Handled, type PanelContext } from '../host/host';
import { isAllowedLink } from '../host/links';
import { buildErrorView, viewToMarkdown } from './model';
import {
  FORMER_VIEW_TYPES,
  VIEW_TYPE,
  parsePageMessage,
  parsePageState,
  targetKeyOf,
  type ErrorView,
  type ExtensionMessage,
  type PageMessage,
  type PageState,
  type TargetKind,
} from './protocol';
import { stubTarget, targetId, targetName, type ErrorTarget, type ErrorTargetLoader } from './target';

export { FORMER_VIEW_TYPES, VIEW_TYPE } from './protocol';
export type { ErrorTarget, ErrorTargetLoader } from './target';
export type { RenderedErrorDetails } from './protocol';

/** What a panel is, at the start of its log lines. */
const LOG_LABEL: Readonly<Record<TargetKind, string>> = {
  image: 'Image errors',
  pool: 'Pool errors',
  workspace: 'WorkSpace problem',
  directory: 'Directory problem',
};

const host = new WebviewHost<PageMessage, ExtensionMessage, PageState, ErrorDetailsPanel>({
  viewType: VIEW_TYPE,
  formerViewTypes: FORMER_VIEW_TYPES,
  page: 'errorDetails',
  label: 'Error details',
  parseMessage: parsePageMessage,
  parseState: parsePageState,
});

const keyOf = (target: ErrorTarget): string => targetKeyOf(target.kind, target.scope, targetId(target));
const titleOf = (target: ErrorTarget): string => targetName(target) || targetId(target) || 'Error details';

export class ErrorDetailsPanel extends HostedPanel<PageMessage, ExtensionMessage, ErrorView> {
  public static readonly viewType = VIEW_TYPE;

  /** Opens the panel of a target, or focuses (and updates) the one already open for it. */
  public static show(
    extensionUri: vscode.Uri,
    target: ErrorTarget,
    loader: ErrorTargetLoader,
    log?: vscode.LogOutputChannel,
  ): ErrorDetailsPanel {
    const existing = host.find(keyOf(target));
    if (existing) {
      existing.update(target);
      existing.panel.reveal(undefined, false);
      return existing;
    }
    return host.open(extensionUri, log, {
      key: keyOf(target),
      title: titleOf(target),
      make: (context) => new ErrorDetailsPanel(context, target, loader, undefined),
    });
  }

  /** The open panel of a target, if any (tests, commands). */
  public static find(target: Pick<ErrorTarget, 'kind' | 'scope'> & { id: string }): ErrorDetailsPanel | undefined {
    return host.find(targetKeyOf(target.kind, target.scope, target.id));
  }

  /** Every open panel. */
  public static all(): ErrorDetailsPanel[] {
    return host.all();
  }

  /** Restores panels after a window reload: the cached view at once, then re-described through the loader. */
  public static serializer(
    extensionUri: vscode.Uri,
    loader: ErrorTargetLoader,
    log?: vscode.LogOutputChannel,
  ): vscode.WebviewPanelSerializer {
    return host.serializer(extensionUri, log, (state) => {
      const target = stubTarget(state.kind, state.scope, state.id, state.name ?? state.view?.name);
      return {
        key: keyOf(target),
        title: titleOf(target),
        make: (context) => new ErrorDetailsPanel(context, target, loader, state),
      };
    });
  }

  private target: ErrorTarget;
  private view: ErrorView;
  private refreshing: Promise<void> | undefined;

  private constructor(
    context: PanelContext<PageMessage>,
    target: ErrorTarget,
    private readonly loader: ErrorTargetLoader,
    restored: PageState | undefined,
  ) {
    super(context, LOG_LABEL[target.kind]);
    this.target = target;
    this.view = restored?.view ?? buildErrorView(target, new Date(loader.clock.now()));
    this.panel.title = this.view.name || titleOf(target);
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

  /** Shows new data for the same target (e.g. the tree re-described it). */
  public update(target: ErrorTarget): void {
    this.target = target;
    this.view = buildErrorView(target, new Date(this.loader.clock.now()));
    this.panel.title = this.view.name || titleOf(target);
    this.render();
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
      if (this.isDisposed) return;
      this.log.info(`reloaded ${this.target.kind} ${targetId(fresh)} (${this.target.scope.region})`);
      this.update(fresh);
    } catch (err) {
      const text = errorMessage(err);
      this.log.error(`could not reload ${this.target.kind} ${targetId(this.target)}: ${text}`);
      this.notice('error', `Refresh failed: ${text}`);
    } finally {
      this.setBusy(false);
    }
  }

  /** The Markdown export of what is shown, copied to the clipboard; returns the Markdown. */
  public async copyMarkdown(): Promise<string> {
    const markdown = viewToMarkdown(this.view);
    try {
      await vscode.env.clipboard.writeText(markdown);
      this.notice('info', 'Copied as Markdown.');
    } catch (err) {
      this.log.error(`clipboard write failed: ${errorMessage(err)}`);
      this.notice('error', 'Could not write to the clipboard.');
    }
    return markdown;
  }

  /** Opens a URL externally if the allow-list accepts it; returns whether it did. */
  public async openLink(url: string): Promise<boolean> {
    if (!isAllowedLink(url)) {
      this.log.warn(`refused to open a link outside https://*.aws.amazon.com: ${JSON.stringify(url.slice(0, 200))}`);
      this.notice('error', 'Only AWS documentation and console links can be opened.');
      return false;
    }
    return vscode.env.openExternal(vscode.Uri.parse(url, true));
  }

  protected async handle(message: Handled<PageMessage>): Promise<void> {
    switch (message.type) {
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
    }
  }
}

/** The serializer that restores panels after a window reload; exported for tests. */
export function errorDetailsSerializer(
  extensionUri: vscode.Uri,
  loader: ErrorTargetLoader,
  log?: vscode.LogOutputChannel,
): vscode.WebviewPanelSerializer {
  return ErrorDetailsPanel.serializer(extensionUri, loader, log);
}

/** Registers the serializer for the panel's view types (call once from activate). */
export function registerErrorDetailsSerializer(
  context: vscode.ExtensionContext,
  loader: ErrorTargetLoader,
  log?: vscode.LogOutputChannel,
): vscode.Disposable {
  return host.register(errorDetailsSerializer(context.extensionUri, loader, log));
}
