// Plain DOM helpers of the webview pages: elements are built with createElement and text nodes,
// never innerHTML (the pages draw API data, which is untrusted).

/** An element with a class, an id, attributes and text or element children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  opts: { cls?: string; id?: string; attrs?: Record<string, string> } = {},
  ...kids: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (opts.cls) e.className = opts.cls;
  if (opts.id) {
    e.id = opts.id;
    e.dataset.testid = opts.id;
  }
  for (const [k, v] of Object.entries(opts.attrs ?? {})) e.setAttribute(k, v);
  e.append(...kids);
  return e;
}

export const fmt = (n: number): string => n.toLocaleString('en-US');
