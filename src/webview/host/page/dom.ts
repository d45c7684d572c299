// Plain DOM helpers of the webview pages: elements are built with createElement and text nodes,
// never innerHTML (the pages draw API data, which is untrusted).

export type Child = Node | string;

/**
 * An element with a class, an id (also its data-testid), data-* values, attributes and text or
 * element children (a string becomes a Text node).
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  opts: { cls?: string; id?: string; data?: Record<string, string>; attrs?: Record<string, string> } = {},
  ...kids: Child[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (opts.cls) e.className = opts.cls;
  if (opts.id) {
    e.id = opts.id;
    e.dataset.testid = opts.id;
  }
  for (const [k, v] of Object.entries(opts.data ?? {})) e.dataset[k] = v;
  for (const [k, v] of Object.entries(opts.attrs ?? {})) e.setAttribute(k, v);
  e.append(...kids);
  return e;
}

/** A toolbar button; a secondary one is drawn in the theme's secondary button colours. */
export function button(
  id: string,
  label: string,
  title: string,
  onClick: () => void,
  opts: { disabled?: boolean; secondary?: boolean } = {},
): HTMLButtonElement {
  const b = h('button', { id, cls: opts.secondary ? 'secondary' : undefined, attrs: { type: 'button', title } }, label);
  b.disabled = opts.disabled ?? false;
  b.addEventListener('click', onClick);
  return b;
}

export const fmt = (n: number): string => n.toLocaleString('en-US');
