// The webview host: what every panel of the extension needs and none should write again. A
// WebviewHost is one kind of panel (its view type, its page bundle, how its messages and saved
// state are read): it opens panels by key (one per key), builds their HTML shell (strict CSP and a
// nonce, ./html.ts) and restores them after a window reload (a serializer for the view type and
// every former one). A HostedPanel is one open panel: the ready handshake (a page that loads, or is
// shown again, asks with `ready` and gets the current view and busy flag), posting (dropped until
// the page is ready: no retainContextWhenHidden), request/reply by id (./requests.ts), the
// messages of the page parsed with its protocol's validators and the rest logged and ignored, the
// render reports, log lines that say which panel, and dispose. A panel class extends HostedPanel
// and keeps only its behaviour: what it shows and what its page's buttons do.
import * as vscode from 'vscode';
import { errorMessage } from '../../core/errors';
import { buildHtml, createNonce } from './html';
import { isRequestId, type HostMessage, type Message, type RenderedOf, type Reply } from './protocol';
import { Requests } from './requests';

/** One kind of panel. */
export interface WebviewKind<In extends Message, State> {
  /** The view type of new panels. */
  readonly viewType: string;
  /** The view types panels of this kind had before: panels VS Code saved under them are restored too. */
  readonly formerViewTypes?: readonly string[];
  /** Its page bundle: dist/webview/<page>.js and dist/webview/<page>.css. */
  readonly page: string;
  /** What its log lines start with where no panel is at hand ("Error details", "Fleet report"). */
  readonly label: string;
  /** Validates a message from the page. */
  readonly parseMessage: (raw: unknown) => In | undefined;
  /** Validates the state a page saved (the serializer restores from it); undefined when not ours. */
  readonly parseState: (raw: unknown) => State | undefined;
}

/** Log lines of one panel, each starting with what the panel is ("Pool errors: …"). */
export interface PanelLog {
  info(text: string): void;
  warn(text: string): void;
  error(text: string): void;
  debug(text: string): void;
}

function prefixed(log: vscode.LogOutputChannel | undefined, label: string): PanelLog {
  return {
    info: (text) => log?.info(`${label}: ${text}`),
    warn: (text) => log?.warn(`${label}: ${text}`),
    error: (text) => log?.error(`${label}: ${text}`),
    debug: (text) => log?.debug(`${label}: ${text}`),
  };
}

/** What the host hands a panel it opens or restores (the panel passes it to HostedPanel). */
export interface PanelContext<In extends Message> {
  readonly panel: vscode.WebviewPanel;
  readonly key: string;
  readonly parseMessage: (raw: unknown) => In | undefined;
  readonly log: vscode.LogOutputChannel | undefined;
}

/** A panel to open or restore: its key, its first title, and how to make it. */
export interface PanelSpec<In extends Message, P> {
  readonly key: string;
  readonly title: string;
  readonly make: (context: PanelContext<In>) => P;
}

/** The messages a panel's behaviour handles: not the handshake, the render reports or the replies. */
export type Handled<In extends Message> = Exclude<In, { type: 'ready' } | { type: 'rendered' } | Reply>;

export class WebviewHost<In extends Message, Out extends Message, State, P extends HostedPanel<In, Out, unknown>> {
  private readonly panels = new Map<string, P>();

  constructor(readonly kind: WebviewKind<In, State>) {}

  /** The view type of new panels, then the former ones. */
  get viewTypes(): readonly string[] {
    return [this.kind.viewType, ...(this.kind.formerViewTypes ?? [])];
  }

  /** The open panel of a key. */
  find(key: string): P | undefined {
    return this.panels.get(key);
  }

  /** Every open panel. */
  all(): P[] {
    return [...this.panels.values()];
  }

  /** Opens a new panel in the active editor column (closing one open under the same key). */
  open(extensionUri: vscode.Uri, log: vscode.LogOutputChannel | undefined, spec: PanelSpec<In, P>): P {
    const panel = vscode.window.createWebviewPanel(
      this.kind.viewType,
      spec.title,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      { ...this.options(extensionUri), enableFindWidget: true },
    );
    return this.attach(panel, extensionUri, log, spec);
  }

  /**
   * The serializer that restores panels after a window reload: `revive` says which panel a saved
   * state is; a state that is not one of ours closes the panel.
   */
  serializer(
    extensionUri: vscode.Uri,
    log: vscode.LogOutputChannel | undefined,
    revive: (state: State) => PanelSpec<In, P>,
  ): vscode.WebviewPanelSerializer {
    return {
      deserializeWebviewPanel: (panel: vscode.WebviewPanel, raw: unknown): Promise<void> => {
        const state = this.kind.parseState(raw);
        if (state === undefined) {
          prefixed(log, this.kind.label).warn('nothing to restore in a saved panel; closing it');
          panel.dispose();
        } else {
          this.attach(panel, extensionUri, log, revive(state));
        }
        return Promise.resolve();
      },
    };
  }

  /** Registers a serializer for the view type and every former one (call once from activate). */
  register(serializer: vscode.WebviewPanelSerializer): vscode.Disposable {
    return vscode.Disposable.from(
      ...this.viewTypes.map((viewType) => vscode.window.registerWebviewPanelSerializer(viewType, serializer)),
    );
  }

  private options(extensionUri: vscode.Uri): vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
  }

  private attach(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    log: vscode.LogOutputChannel | undefined,
    spec: PanelSpec<In, P>,
  ): P {
    this.panels.get(spec.key)?.dispose();
    panel.webview.options = this.options(extensionUri);
    panel.webview.html = this.html(panel.webview, extensionUri, spec.title);
    const hosted = spec.make({ panel, key: spec.key, parseMessage: this.kind.parseMessage, log });
    this.panels.set(spec.key, hosted);
    hosted.onDidDispose(() => {
      if (this.panels.get(spec.key) === hosted) this.panels.delete(spec.key);
    });
    return hosted;
  }

  private html(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
    const file = (ext: string): string =>
      webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', `${this.kind.page}.${ext}`)).toString();
    return buildHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: file('js'),
      styleUri: file('css'),
      title,
    });
  }
}

/**
 * One open panel. `In` is what its page sends (validated), `Out` what the panel sends besides the
 * render, busy and notice messages every page takes, `View` what the page draws.
 */
export abstract class HostedPanel<In extends Message, Out extends Message, View> implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  readonly key: string;
  /** Log lines that start with what this panel is. */
  protected readonly log: PanelLog;
  /** Disposed with the panel. */
  protected readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private busy = false;
  private disposed = false;
  private rendered: RenderedOf<In> | undefined;
  private readonly requests = new Requests<In>();
  private readonly renderEmitter = new vscode.EventEmitter<RenderedOf<In>>();
  private readonly disposeEmitter = new vscode.EventEmitter<void>();

  /** Fires each time the page reports what it rendered (read back from its DOM). */
  readonly onDidRender = this.renderEmitter.event;
  readonly onDidDispose = this.disposeEmitter.event;

  /** @param label what the panel is, at the start of its log lines ("Fleet report", "Pool errors"). */
  protected constructor(context: PanelContext<In>, label: string) {
    this.panel = context.panel;
    this.key = context.key;
    this.log = prefixed(context.log, label);
    this.disposables.push(
      this.renderEmitter,
      this.disposeEmitter,
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = context.parseMessage(raw);
        if (!message) {
          this.log.warn('ignored an unexpected message from the webview');
          return;
        }
        this.receive(message).catch((err: unknown) => this.log.error(errorMessage(err)));
      }),
    );
  }

  /** What the page shows now (sent when it is ready, and by render()). */
  abstract get currentView(): View;

  /** Does what a message of the page asks (a button). */
  protected abstract handle(message: Handled<In>): Promise<void>;

  /** What the page last reported it rendered (undefined until it has rendered once). */
  get lastRendered(): RenderedOf<In> | undefined {
    return this.rendered;
  }

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  /** Handles one validated message from the page. Public so integration tests can drive it. */
  async receive(message: In): Promise<void> {
    if (message.type === 'ready') {
      this.ready = true;
      this.render();
      if (this.busy) this.post({ type: 'busy', busy: true });
      return;
    }
    if (message.type === 'rendered') {
      const { type: _type, ...report } = message as unknown as { type: 'rendered' } & RenderedOf<In>;
      this.rendered = report as RenderedOf<In>;
      this.renderEmitter.fire(this.rendered);
      return;
    }
    const requestId = (message as Partial<Reply>).requestId;
    if (isRequestId(requestId)) {
      const answered = this.requests.answer(requestId, message);
      if (!answered) this.log.debug(`a late reply (${message.type}) to request ${requestId}`);
      return;
    }
    return this.handle(message as Handled<In>);
  }

  /** Sends the current view to the page. */
  protected render(): void {
    this.post({ type: 'render', view: this.currentView });
  }

  /** Says the panel is working (the page shows it, and again when it is shown while still busy). */
  protected setBusy(busy: boolean): void {
    this.busy = busy;
    this.post({ type: 'busy', busy });
  }

  /** A notice in the page: an info one clears itself, an error one stays until new data comes. */
  protected notice(level: 'info' | 'error', text: string): void {
    this.post({ type: 'notice', level, text });
  }

  /**
   * Posts the message `ask(id)` and waits for the page's message carrying `requestId: id`;
   * undefined when none comes within `timeoutMs` or the panel closes.
   */
  protected request(ask: (requestId: number) => Out, timeoutMs: number): Promise<In | undefined> {
    const { id, reply } = this.requests.start(timeoutMs);
    this.post(ask(id));
    return reply;
  }

  protected post(message: Out | HostMessage<View>): void {
    if (this.disposed || !this.ready) return;
    // A hidden panel has no live page (no retainContextWhenHidden): the message is dropped and the
    // page asks again with `ready` when it is shown, getting the current view then.
    this.panel.webview.postMessage(message).then(undefined, (err: unknown) => {
      this.log.debug(`post failed: ${errorMessage(err)}`);
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.requests.cancelAll();
    this.disposeEmitter.fire();
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
