// Waiting for a webview panel (any HostedPanel) to report what its page rendered: the extension
// host cannot look inside the webview's iframe, so each page reads its DOM back after drawing and
// posts it (`rendered`). Resolves with the first report that matches (the last one, unless
// `fresh`); the deadline only bounds a broken run.
import type * as vscode from 'vscode';

export interface RenderingPanel<R> {
  readonly lastRendered: R | undefined;
  readonly onDidRender: vscode.Event<R>;
}

export function nextRender<R>(
  panel: RenderingPanel<R>,
  match: (r: R) => boolean,
  opts: { fresh?: boolean; timeoutMs?: number } = {},
): Promise<R> {
  const last = panel.lastRendered;
  if (!opts.fresh && last && match(last)) return Promise.resolve(last);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`the page did not render as expected; last report: ${JSON.stringify(panel.lastRendered)}`));
    }, opts.timeoutMs ?? 20_000);
    const sub = panel.onDidRender((r) => {
      if (!match(r)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(r);
    });
  });
}
