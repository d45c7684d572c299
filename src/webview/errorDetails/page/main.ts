// The error-details page (an image, a pool, a WorkSpace or a directory). Plain DOM: every value
// from the API goes in with createElement + text nodes (Element.append of a string), never
// innerHTML. Links have no href: clicking posts `openLink` and the extension decides. The messages,
// the saved state (hiding, window reloads) and the notices are the bridge's (host/page/bridge.ts).
import './main.css';
import { startPage, type Frame } from '../../host/page/bridge';
import { button, h, type Child } from '../../host/page/dom';
import {
  parsePageState,
  type CardView,
  type ErrorView,
  type ExtensionMessage,
  type FieldView,
  type PageMessage,
  type PageState,
  type RenderedErrorDetails,
} from '../protocol';

type Post = Frame<PageMessage>['post'];

/** A link the extension opens (after its allow-list): no href, so nothing navigates by itself. */
function externalLink(url: string, text: string, cls: string, post: Post): HTMLAnchorElement {
  const a = h('a', { cls, attrs: { role: 'link', tabindex: '0', title: url } }, text);
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
  const dl = h('dl', { id: 'fields', cls: 'fields' });
  for (const f of fields) {
    if (f.key === 'state') continue; // shown as the badge
    const value = f.value === '' ? h('span', { cls: 'empty' }, '—') : f.code ? h('code', {}, f.value) : f.value;
    dl.append(h('dt', {}, f.label), h('dd', { data: { field: f.key } }, value));
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
  const badge = h(
    'span',
    {
      id: 'state-badge',
      cls: `badge tone-${v.stateTone}`,
      data: { state: v.state },
      attrs: { 'aria-label': `State: ${v.state}` },
    },
    v.state,
  );
  const kindLabel = KIND_LABEL[v.kind];
  const head = h(
    'header',
    { id: 'header', data: { kind: v.kind, id: v.id } },
    h('p', { cls: 'eyebrow' }, `${kindLabel} · ${v.scope.profile} · ${v.scope.region}`),
    h('div', { cls: 'title-row' }, h('h1', { id: 'title' }, v.name || v.id), badge),
    fieldList(v.fields),
  );
  if (v.updates) {
    const u = v.updates;
    head.append(
      h(
        'section',
        { id: 'updates', cls: 'updates', data: { available: String(u.available) } },
        h('h2', {}, 'Updates'),
        h('p', {}, u.available ? 'An update is available for this image.' : 'No update available.'),
        ...(u.description ? [h('p', { cls: 'muted', id: 'updates-description' }, u.description)] : []),
      ),
    );
  }
  return head;
}

function toolbar(v: ErrorView, { busy, post }: Frame<PageMessage>): HTMLElement {
  return h(
    'div',
    { id: 'toolbar', cls: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Actions' } },
    button('refresh', busy ? 'Refreshing…' : 'Refresh', 'Describe it again', () => post({ type: 'refresh' }), {
      disabled: busy,
    }),
    button(
      'copy-markdown',
      'Copy as Markdown',
      'Copy these errors as Markdown, for a ticket',
      () => post({ type: 'copyMarkdown' }),
      { secondary: true },
    ),
    button(
      'open-console',
      'Open in AWS console',
      v.consoleUrl ?? 'No console URL for this Region',
      () => post({ type: 'openConsole' }),
      { disabled: !v.consoleUrl, secondary: true },
    ),
    h('span', { cls: 'muted loaded-at', id: 'loaded-at' }, `Loaded ${v.loadedAt.slice(0, 19).replace('T', ' ')} UTC`),
  );
}

function errorSummary(v: ErrorView): HTMLElement | undefined {
  if (!v.error) return undefined;
  return h(
    'section',
    { id: 'error-summary', cls: 'error-summary' },
    h('h2', {}, 'Error'),
    ...(v.error.code ? [h('p', {}, 'Code: ', h('code', { id: 'error-code' }, v.error.code))] : []),
    ...(v.error.message ? [h('p', { id: 'error-message', cls: 'message' }, v.error.message)] : []),
  );
}

function errorCard(c: CardView, index: number, post: Post): HTMLElement {
  const steps = h('ol', { cls: 'card-fix' }, ...c.fix.map((s) => h('li', {}, s)));
  return h(
    'article',
    {
      cls: `error-card${c.known ? '' : ' unknown'}`,
      data: { code: c.code, known: String(c.known), index: String(index) },
    },
    h(
      'header',
      { cls: 'card-head' },
      h('h3', { cls: 'card-title' }, c.title),
      h('code', { cls: 'card-code', attrs: { title: 'Error code from WorkSpaces' } }, c.code || '(no code)'),
    ),
    h('p', { cls: 'card-origin muted' }, c.origin),
    ...(c.message ? [h('p', { cls: 'card-message message' }, c.message)] : []),
    h('h4', {}, 'What it means'),
    h('p', { cls: 'card-meaning' }, c.meaning),
    h('h4', {}, 'How to fix it'),
    steps,
    h('p', { cls: 'card-doc' }, externalLink(c.docUrl, c.docTitle, 'doc-link', post)),
  );
}

function cardsSection(v: ErrorView, post: Post): HTMLElement {
  if (v.cards.length === 0) {
    const text = v.error
      ? 'WorkSpaces gave no further details for this error.'
      : `No errors reported. State: ${v.state}.`;
    return h('section', { id: 'error-cards', cls: 'cards' }, h('p', { id: 'no-errors', cls: 'muted' }, text));
  }
  const heading = `${CARDS_HEADING[v.kind]} (${v.cards.length})`;
  return h(
    'section',
    { id: 'error-cards', cls: 'cards' },
    h('h2', {}, heading),
    ...v.cards.map((c, i) => errorCard(c, i, post)),
  );
}

startPage<ErrorView, RenderedErrorDetails, PageMessage, ExtensionMessage>({
  restore: (saved) => parsePageState(saved)?.view,
  save: (v): PageState => ({ version: 1, kind: v.kind, scope: v.scope, id: v.id, name: v.name, view: v }),
  title: (v) => v.name || v.id,
  draw(v, frame) {
    const parts: Child[] = [header(v), toolbar(v, frame)];
    if (frame.notice) parts.push(frame.notice);
    const summary = errorSummary(v);
    if (summary) parts.push(summary);
    parts.push(cardsSection(v, frame.post));
    return parts;
  },
  drawn(v, app) {
    const cards = [...app.querySelectorAll<HTMLElement>('.error-card')];
    return {
      id: v.id,
      kind: v.kind,
      state: document.getElementById('state-badge')?.textContent ?? '',
      cards: cards.length,
      codes: cards.map((c) => c.dataset.code ?? ''),
      errorMessage: document.getElementById('error-message')?.textContent ?? '',
    };
  },
});
