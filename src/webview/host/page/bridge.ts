// The page side of the webview host (../host.ts), shared by every page: the one acquireVsCodeApi,
// the #app element, the state kept with setState (drawn at once when a hidden tab is shown again
// or the window reloads), the ready handshake, the render / busy / notice messages every panel
// sends, the notice banner, and the `rendered` report after each draw (with the count of elements
// that must never come from data). A page gives only what it draws and the messages of its own.
import type { HostMessage, Message, PageRendered } from '../protocol';
import { h, type Child } from './dom';
import { banner, Notices } from './notice';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** What a page draws with. */
export interface Frame<Up extends Message> {
  /** The panel is working (a refresh): the page shows it, e.g. on its Refresh button. */
  readonly busy: boolean;
  /** The notice banner (#notice), while there is a notice. */
  readonly notice: HTMLElement | undefined;
  /** Sends a message to the panel (a button's). */
  readonly post: (message: Up) => void;
}

/**
 * One page. `View` is what the panel sends it to draw; `Up` what the page sends the panel (its
 * `ready` and `rendered` included); `Down` what the panel sends beside render, busy and notice.
 */
export interface PageSpec<View, R extends PageRendered, Up extends Message, Down extends Message> {
  /** The view in the state the page saved (see save), if it is one. */
  restore(saved: unknown): View | undefined;
  /** What to keep with setState for a view. */
  save(view: View): unknown;
  /** The document's title for a view. */
  title(view: View): string;
  /** The children of #app for a view. */
  draw(view: View, frame: Frame<Up>): Child[];
  /** They are in the document: draws what needs them there (charts) and says what was drawn. */
  drawn(view: View, app: HTMLElement): Omit<R, 'foreignElements'>;
  /** A message of the panel's own. */
  receive?(message: Down): void;
}

export interface Page<View, Up extends Message> {
  /** The view drawn (undefined until the first one came). */
  readonly view: View | undefined;
  readonly post: (message: Up) => void;
  /** Draws the view again (the theme changed). */
  readonly redraw: () => void;
}

/** Starts the page: draws what was saved, listens to the panel, and tells it the page is ready. */
export function startPage<View, R extends PageRendered, Up extends Message, Down extends Message>(
  spec: PageSpec<View, R, Up, Down>,
): Page<View, Up> {
  const vscode = acquireVsCodeApi();
  const app = document.getElementById('app') ?? document.body;
  const post = (message: Up): void => vscode.postMessage(message);
  let view = spec.restore(vscode.getState());
  let busy = false;
  const notices = new Notices(() => render());

  function render(): void {
    if (!view) {
      app.replaceChildren(h('p', { cls: 'muted', id: 'loading' }, 'Loading…'));
      return;
    }
    const notice = notices.current ? banner(notices.current) : undefined;
    app.replaceChildren(...spec.draw(view, { busy, notice, post }));
    app.setAttribute('aria-busy', String(busy));
    document.title = spec.title(view);
    const report = spec.drawn(view, app);
    const foreignElements = app.querySelectorAll('img, script, iframe, object, embed, link, style').length;
    vscode.postMessage({ type: 'rendered', ...report, foreignElements });
  }

  window.addEventListener('message', (event: MessageEvent<HostMessage<View> | Down>) => {
    const message = event.data;
    if (typeof message !== 'object' || message === null) return;
    const m = message as HostMessage<View>;
    switch (m.type) {
      case 'render':
        view = m.view;
        notices.clearError();
        vscode.setState(spec.save(m.view));
        render();
        return;
      case 'busy':
        busy = m.busy;
        render();
        return;
      case 'notice':
        notices.show(m.level, m.text);
        return;
      default:
        spec.receive?.(message as Down);
    }
  });

  // Draw what was saved (hidden tab shown again, window reloaded) at once, then ask for fresh data.
  render();
  vscode.postMessage({ type: 'ready' });
  return {
    get view() {
      return view;
    },
    post,
    redraw: () => {
      if (view) render();
    },
  };
}
