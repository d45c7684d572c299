// The report page's parts other than the charts: the totals' tiles, the scopes whose usage is
// missing, a chart's figure and the table of recommendations.
import type { ReportView } from '../protocol';
import type { ChartSpec } from './charts';
import { fmt, h } from '../../host/page/dom';

export function tiles(v: ReportView): HTMLElement {
  const tile = (id: string, value: string, label: string): HTMLElement =>
    h('div', { cls: 'tile', id }, h('span', { cls: 'tile-value' }, value), h('span', { cls: 'tile-label' }, label));
  return h(
    'section',
    { cls: 'tiles', id: 'totals' },
    tile('total-workspaces', fmt(v.totals.workspaces), 'WorkSpaces'),
    tile('total-read', fmt(v.totals.read), 'usage read'),
    tile('total-switch', fmt(v.totals.toSwitch), `to switch · ${fmt(v.totals.hoursMoved)} h moved (est.)`),
    tile('total-unused', fmt(v.totals.unused), 'unused'),
  );
}

export function scopeProblems(v: ReportView): HTMLElement | undefined {
  const bad = v.scopes.filter((s) => s.usage === 'error' || s.usage === 'loading' || s.usage === 'idle');
  if (bad.length === 0) return undefined;
  return h(
    'ul',
    { cls: 'scope-status', id: 'scope-status' },
    ...bad.map((s) =>
      h(
        'li',
        { cls: `scope-${s.usage}` },
        `${s.label}: `,
        s.usage === 'error' ? `usage could not be read — ${s.error ?? ''}` : 'reading usage…',
      ),
    ),
  );
}

export function figure(spec: ChartSpec): HTMLElement {
  return h(
    'figure',
    { cls: 'chart', attrs: { 'data-chart': spec.id } },
    h('h2', {}, spec.title),
    h(
      'div',
      { cls: 'chart-box' },
      h('canvas', { id: spec.id, attrs: { role: 'img', 'aria-label': `${spec.title}: ${spec.summary}` } }),
    ),
    h('figcaption', { cls: 'muted' }, spec.caption),
  );
}

export function recommendations(v: ReportView): HTMLElement {
  const head = h(
    'tr',
    {},
    ...['Profile · region', 'WorkSpace', 'User', 'Compute', 'Advice'].map((x) =>
      h('th', { attrs: { scope: 'col' } }, x),
    ),
  );
  const rows = v.recommendations.map((r) =>
    h(
      'tr',
      { attrs: { 'data-kind': r.kind } },
      h('td', {}, r.scope),
      h('td', {}, h('code', {}, r.workspaceId)),
      h('td', {}, r.user),
      h('td', {}, r.computeType),
      h('td', { cls: `advice advice-${r.kind}` }, r.text),
    ),
  );
  const more =
    v.recommendationCount > v.recommendations.length
      ? [
          h(
            'p',
            { cls: 'muted' },
            `… and ${fmt(v.recommendationCount - v.recommendations.length)} more (Copy as Markdown has them all up to the first ${fmt(v.recommendations.length)}).`,
          ),
        ]
      : [];
  return h(
    'section',
    { id: 'recommendations' },
    h('h2', {}, `WorkSpaces to change (${fmt(v.recommendationCount)})`),
    v.recommendations.length
      ? h('table', { cls: 'table', id: 'recommendation-table' }, h('thead', {}, head), h('tbody', {}, ...rows))
      : h('p', { cls: 'muted', id: 'no-recommendations' }, 'Nothing to change.'),
    ...more,
  );
}
