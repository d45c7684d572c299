// The image/pool error page. Plain DOM: every value from the API goes in with createElement +
// text nodes (Element.append of a string), never innerHTML. Links have no href: clicking posts
// `openLink` and the extension decides. State survives hiding and window reloads via setState.
import './main.css';
import { Notices } from '../../host/page/notice';
import {
  parsePageState,
  type CardView,
  type ErrorView,
  type ExtensionMessage,
  type FieldView,
  type PageMessage,
  type PageState,
  type RenderedReport,
} from '../protocol';

interface VsCodeApi {
  postMessage(message: PageMessage): void;
  getState(): unknown;
  setState(state: PageState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') ?? document.body;

let view: ErrorView | undefined;
let busy = false;
const notices = new Notices(() => render());

type Child = Node | string;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: {
    id?: string;
    className?: string;
    testId?: string;
    data?: Record<string, string>;
    attrs?: Record<string, string>;
  } = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.id) node.id = props.id;
  if (props.className) node.className = props.className;
  if (props.testId) node.dataset.testid = props.testId;
  for (const [k, v] of Object.entries(props.data ?? {})) node.dataset[k] = v;
  for (const [k, v] of Object.entries(props.attrs ?? {})) node.setAttribute(k, v);
  node.append(...children); // strings become Text nodes
  return node;
}

function post(message: PageMessage): void {
  vscode.postMessage(message);
}

function button(id: string, label: string, title: string, onClick: () => void, disabled = false): HTMLButtonElement {
  const b = el('button', { id, testId: id, attrs: { type: 'button', title } }, label);
  b.disabled = disabled;
  b.addEventListener('click', onClick);
  return b;
}

/** A link the extension opens (after its allow-list): no href, so nothing navigates by itself. */
function externalLink(url: string, text: string, className: string): HTMLAnchorElement {
  const a = el('a', { className, attrs: { role: 'link', tabindex: '0', title: url } }, text);
  a.dataset.url = url;
  const open = (): void => post({ type: 'openLink', url });
  a.addEventListener('click', (e) => {
    e.preventDefault();
    open();
  });
  a.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open();
    }
  });
  return a;
}

function fieldList(fields: readonly FieldView[]): HTMLDListElement {
  const dl = el('dl', { id: 'fields', className: 'fields', testId: 'fields' });
  for (const f of fields) {
    if (f.key === 'state') continue; // shown as the badge
    const value = f.value === '' ? el('span', { className: 'empty' }, '—') : f.code ? el('code', {}, f.value) : f.value;
    dl.append(el('dt', {}, f.label), el('dd', { data: { field: f.key } }, value));
  }
  return dl;
}

const KIND_LABEL: Readonly<Record<ErrorView['kind'], string>> = {
  image: 'WorkSpaces image',
  pool: 'WorkSpaces pool',
  workspace: 'WorkSpace',
  directory: 'WorkSpaces directory',
};

const CARDS_HEADING: Readonly<Record<ErrorView['kind'], string>> = {
  image: 'Error details',
  pool: 'Pool errors',
  workspace: 'What it means',
  directory: 'What it means',
};

function header(v: ErrorView): HTMLElement {
  const badge = el(
    'span',
    {
      id: 'state-badge',
      className: `badge tone-${v.stateTone}`,
      testId: 'state-badge',
      data: { state: v.state },
      attrs: { 'aria-label': `State: ${v.state}` },
    },
    v.state,
  );
  const kindLabel = KIND_LABEL[v.kind];
  const head = el(
    'header',
    { id: 'header', testId: 'header', data: { kind: v.kind, id: v.id } },
    el('p', { className: 'eyebrow' }, `${kindLabel} · ${v.scope.profile} · ${v.scope.region}`),
    el('div', { className: 'title-row' }, el('h1', { id: 'title' }, v.name || v.id), badge),
    fieldList(v.fields),
  );
  if (v.updates) {
    const u = v.updates;
    head.append(
      el(
        'section',
        { id: 'updates', className: 'updates', testId: 'updates', data: { available: String(u.available) } },
        el('h2', {}, 'Updates'),
        el('p', {}, u.available ? 'An update is available for this image.' : 'No update available.'),
        ...(u.description ? [el('p', { className: 'muted', id: 'updates-description' }, u.description)] : []),
      ),
    );
  }
  return head;
}

function toolbar(v: ErrorView): HTMLElement {
  return el(
    'div',
    { id: 'toolbar', className: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Actions' } },
    button('refresh', busy ? 'Refreshing…' : 'Refresh', 'Describe it again', () => post({ type: 'refresh' }), busy),
    button('copy-markdown', 'Copy as Markdown', 'Copy these errors as Markdown, for a ticket', () =>
      post({ type: 'copyMarkdown' }),
    ),
    button(
      'open-console',
      'Open in AWS console',
      v.consoleUrl ?? 'No console URL for this Region',
      () => post({ type: 'openConsole' }),
      !v.consoleUrl,
    ),
    el(
      'span',
      { className: 'muted loaded-at', id: 'loaded-at' },
      `Loaded ${v.loadedAt.slice(0, 19).replace('T', ' ')} UTC`,
    ),
  );
}

function banner(): HTMLElement | undefined {
  const notice = notices.current;
  if (!notice) return undefined;
  return el(
    'div',
    {
      id: 'notice',
      className: `notice notice-${notice.level}`,
      testId: 'notice',
      attrs: { role: notice.level === 'error' ? 'alert' : 'status' },
    },
    notice.text,
  );
}

function errorSummary(v: ErrorView): HTMLElement | undefined {
  if (!v.error) return undefined;
  return el(
    'section',
    { id: 'error-summary', className: 'error-summary', testId: 'error-summary' },
    el('h2', {}, 'Error'),
    ...(v.error.code ? [el('p', {}, 'Code: ', el('code', { id: 'error-code' }, v.error.code))] : []),
    ...(v.error.message ? [el('p', { id: 'error-message', className: 'message' }, v.error.message)] : []),
  );
}

function errorCard(c: CardView, index: number): HTMLElement {
  const steps = el('ol', { className: 'card-fix' }, ...c.fix.map((s) => el('li', {}, s)));
  return el(
    'article',
    {
      className: `error-card${c.known ? '' : ' unknown'}`,
      data: { code: c.code, known: String(c.known), index: String(index) },
    },
    el(
      'header',
      { className: 'card-head' },
      el('h3', { className: 'card-title' }, c.title),
      el('code', { className: 'card-code', attrs: { title: 'Error code from WorkSpaces' } }, c.code || '(no code)'),
    ),
    el('p', { className: 'card-origin muted' }, c.origin),
    ...(c.message ? [el('p', { className: 'card-message message' }, c.message)] : []),
    el('h4', {}, 'What it means'),
    el('p', { className: 'card-meaning' }, c.meaning),
    el('h4', {}, 'How to fix it'),
    steps,
    el('p', { className: 'card-doc' }, externalLink(c.docUrl, c.docTitle, 'doc-link')),
  );
}

function cardsSection(v: ErrorView): HTMLElement {
  if (v.cards.length === 0) {
    const text = v.error
      ? 'WorkSpaces gave no further details for this error.'
      : `No errors reported. State: ${v.state}.`;
    return el(
      'section',
      { id: 'error-cards', className: 'cards', testId: 'error-cards' },
      el('p', { id: 'no-errors', className: 'muted' }, text),
    );
  }
  const heading = `${CARDS_HEADING[v.kind]} (${v.cards.length})`;
  return el(
    'section',
    { id: 'error-cards', className: 'cards', testId: 'error-cards' },
    el('h2', {}, heading),
    ...v.cards.map(errorCard),
  );
}

function report(v: ErrorView): RenderedReport {
  const cards = [...app.querySelectorAll<HTMLElement>('.error-card')];
  return {
    id: v.id,
    kind: v.kind,
    state: document.getElementById('state-badge')?.textContent ?? '',
    cards: cards.length,
    codes: cards.map((c) => c.dataset.code ?? ''),
    errorMessage: document.getElementById('error-message')?.textContent ?? '',
    foreignElements: app.querySelectorAll('img, script, iframe, object, embed, link, style').length,
  };
}

function render(): void {
  if (!view) {
    app.replaceChildren(el('p', { className: 'muted', id: 'loading' }, 'Loading…'));
    return;
  }
  const v = view;
  const parts: Child[] = [header(v), toolbar(v)];
  const b = banner();
  if (b) parts.push(b);
  const summary = errorSummary(v);
  if (summary) parts.push(summary);
  parts.push(cardsSection(v));
  app.replaceChildren(...parts);
  app.setAttribute('aria-busy', String(busy));
  document.title = v.name || v.id;
  post({ type: 'rendered', ...report(v) });
}

function save(v: ErrorView): void {
  vscode.setState({ version: 1, kind: v.kind, scope: v.scope, id: v.id, name: v.name, view: v });
}

window.addEventListener('message', (event: MessageEvent<ExtensionMessage>) => {
  const message = event.data;
  if (typeof message !== 'object' || message === null) return;
  switch (message.type) {
    case 'render':
      view = message.view;
      notices.clearError();
      save(message.view);
      render();
      return;
    case 'busy':
      busy = message.busy;
      render();
      return;
    case 'notice':
      notices.show(message.level, message.text);
      return;
  }
});

// Draw what was saved (hidden tab shown again, window reloaded) at once, then ask for fresh data.
view = parsePageState(vscode.getState())?.view;
render();
post({ type: 'ready' });
