// The fleet report page. Plain DOM for the text (createElement + text nodes, never innerHTML) and
// Chart.js, bundled into this file (no CDN), for the charts, drawn in the theme's colours (the
// --vscode-* variables) and redrawn when the theme changes. Chart.js sizes its canvases through
// the CSSOM (element.style), which a CSP without 'unsafe-inline' allows; nothing here adds a style
// attribute or a <style> element. State survives hiding via setState.
import './main.css';
import { Notices } from '../../page/notice';
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  DoughnutController,
  Legend,
  LinearScale,
  PointElement,
  ScatterController,
  Tooltip,
} from 'chart.js';
import {
  parseReportPageState,
  type RenderedReport,
  type ReportMessage,
  type ReportPageMessage,
  type ReportPageState,
  type ReportView,
} from '../protocol';

Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Legend,
  LinearScale,
  PointElement,
  ScatterController,
  Tooltip,
);

interface VsCodeApi {
  postMessage(message: ReportPageMessage): void;
  getState(): unknown;
  setState(state: ReportPageState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') ?? document.body;
const charts = new Map<string, Chart>();

let view: ReportView | undefined;
let busy = false;
const notices = new Notices(() => render());

const post = (m: ReportPageMessage): void => vscode.postMessage(m);

/** An element with a class, an id, attributes and text or element children. */
function h<K extends keyof HTMLElementTagNameMap>(
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

const fmt = (n: number): string => n.toLocaleString('en-US');

// ---- theme -----------------------------------------------------------------------------------

interface Theme {
  fg: string;
  muted: string;
  grid: string;
  bg: string;
  font: string;
  blue: string;
  green: string;
  red: string;
  yellow: string;
  orange: string;
  purple: string;
}

/**
 * A theme colour without its alpha: some themes give the chart colours one (e.g. `#d186167e`),
 * which over the editor background turns an orange into a brown; fills read better opaque.
 */
function opaque(color: string): string {
  const hex = /^#([0-9a-f]{6})[0-9a-f]{2}$/i.exec(color);
  if (hex) return `#${hex[1]}`;
  const short = /^#([0-9a-f]{3})[0-9a-f]$/i.exec(color);
  if (short) return `#${short[1]}`;
  const rgba = /^rgba\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*,[^)]*\)$/i.exec(color);
  return rgba ? `rgb(${rgba[1]}, ${rgba[2]}, ${rgba[3]})` : color;
}

/** The same colour, lighter or darker for the n-th dataset that shares it (0 = itself). */
function shade(color: string, n: number): string {
  if (n === 0) return color;
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!hex) return color;
  const alpha = Math.max(0.35, 1 - 0.3 * n);
  return `rgba(${parseInt(hex[1], 16)}, ${parseInt(hex[2], 16)}, ${parseInt(hex[3], 16)}, ${alpha})`;
}

function theme(): Theme {
  const root = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string): string => opaque(root.getPropertyValue(name).trim() || fallback);
  const fg = v('--vscode-foreground', '#cccccc');
  return {
    fg,
    muted: v('--vscode-descriptionForeground', fg),
    grid: v('--vscode-editorWidget-border', v('--vscode-panel-border', 'rgba(128,128,128,0.35)')),
    bg: v('--vscode-editor-background', '#1e1e1e'),
    font: getComputedStyle(document.body).fontFamily || 'sans-serif',
    blue: v('--vscode-charts-blue', '#3794ff'),
    green: v('--vscode-charts-green', '#89d185'),
    red: v('--vscode-charts-red', '#f14c4c'),
    yellow: v('--vscode-charts-yellow', '#cca700'),
    orange: v('--vscode-charts-orange', '#d18616'),
    purple: v('--vscode-charts-purple', '#b180d7'),
  };
}

function themeName(): string {
  const c = document.body.classList;
  for (const name of ['vscode-high-contrast-light', 'vscode-high-contrast', 'vscode-light', 'vscode-dark']) {
    if (c.contains(name)) return name;
  }
  return 'unknown';
}

function stateColor(t: Theme, state: string): string {
  switch (state) {
    case 'Available':
      return t.green;
    case 'Stopped':
      return t.muted;
    case 'Error':
      return t.red;
    case 'Unhealthy':
      return t.orange;
    case 'Impaired':
      return t.yellow;
    case 'Admin maintenance':
      return t.blue;
    case 'Suspended':
      return t.fg;
    default:
      return t.purple;
  }
}

/** One colour per state; states that share a theme colour (the moving ones) get shades of it. */
function stateColors(t: Theme, states: readonly string[]): string[] {
  const used = new Map<string, number>();
  return states.map((s) => {
    const base = stateColor(t, s);
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    return shade(base, n);
  });
}

const ADVICE_COLORS: Record<string, keyof Theme> = {
  toAlwaysOn: 'orange',
  toAutoStop: 'blue',
  unused: 'red',
  keep: 'green',
  skipped: 'muted',
  none: 'muted',
};

// ---- charts ----------------------------------------------------------------------------------

interface ChartSpec {
  id: string;
  title: string;
  caption: string;
  /** What a screen reader hears (the numbers, in words). */
  summary: string;
  config: (t: Theme) => ChartConfiguration;
}

function axes(t: Theme, opts: { stacked?: boolean; yTitle?: string; xTitle?: string } = {}) {
  const scale = (title?: string) => ({
    stacked: opts.stacked ?? false,
    grid: { color: t.grid },
    ticks: { color: t.fg },
    ...(title ? { title: { display: true, text: title, color: t.muted } } : {}),
  });
  return { x: scale(opts.xTitle), y: { ...scale(opts.yTitle), beginAtZero: true } };
}

function base(t: Theme, legend = true) {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false as const,
    plugins: {
      legend: { display: legend, labels: { color: t.fg } },
      tooltip: { enabled: true },
    },
  };
}

function specs(v: ReportView): ChartSpec[] {
  const out: ChartSpec[] = [
    {
      id: 'chart-states',
      title: 'WorkSpaces by state per region',
      caption: 'Every WorkSpace listed, by state, for each profile and region.',
      summary: v.states.map((s) => `${s.state}: ${fmt(s.counts.reduce((a, b) => a + b, 0))}`).join(', '),
      config: (t) => ({
        type: 'bar',
        data: {
          labels: v.scopes.map((s) => s.label),
          datasets: v.states.map((s, i) => ({
            label: s.state,
            data: [...s.counts],
            backgroundColor: stateColors(
              t,
              v.states.map((x) => x.state),
            )[i],
          })),
        },
        options: { ...base(t), scales: axes(t, { stacked: true, yTitle: 'WorkSpaces' }) },
      }),
    },
    {
      id: 'chart-modes',
      title: 'Running modes',
      caption: 'AlwaysOn is billed monthly, AutoStop by the hour (plus a small monthly fee).',
      summary: v.modes.map((m) => `${m.label}: ${fmt(m.count)}`).join(', '),
      config: (t) => ({
        type: 'doughnut',
        data: {
          labels: v.modes.map((m) => m.label),
          datasets: [
            {
              data: v.modes.map((m) => m.count),
              backgroundColor: v.modes.map((m) =>
                m.label === 'AlwaysOn' ? t.orange : m.label === 'AutoStop' ? t.blue : t.muted,
              ),
              borderColor: t.bg,
            },
          ],
        },
        options: { ...base(t) },
      }),
    },
    {
      id: 'chart-idle',
      title: 'Days since the last connection',
      caption: 'From the connection status of each WorkSpace ("never": nobody ever connected).',
      summary: v.idle.map((b) => `${b.label}: ${fmt(b.count)}`).join(', '),
      config: (t) => ({
        type: 'bar',
        data: {
          labels: v.idle.map((b) => b.label),
          datasets: [
            {
              label: 'WorkSpaces',
              data: v.idle.map((b) => b.count),
              backgroundColor: v.idle.map((b) => (b.label === 'never' || b.label === '> 90 d' ? t.red : t.blue)),
            },
          ],
        },
        options: { ...base(t, false), scales: axes(t, { yTitle: 'WorkSpaces', xTitle: 'last connection' }) },
      }),
    },
    {
      id: 'chart-compute',
      title: `Estimated hours this month per compute type`,
      caption:
        'Each dot is a WorkSpace (AutoStop-equivalent hours this month, estimated); the red dash is the compute type’s threshold, above which AlwaysOn is cheaper.',
      summary: v.compute
        .map(
          (c) => `${c.type}: ${c.autoStop.length + c.alwaysOn.length} WorkSpaces, threshold ${c.threshold ?? 'none'}`,
        )
        .join(', '),
      config: (t) => ({
        type: 'scatter',
        data: {
          labels: v.compute.map((c) => c.type),
          datasets: [
            {
              label: 'AutoStop',
              data: v.compute.flatMap((c) => c.autoStop.map((y) => ({ x: c.type as unknown as number, y }))),
              backgroundColor: t.blue,
              pointRadius: 3,
            },
            {
              label: 'AlwaysOn',
              data: v.compute.flatMap((c) => c.alwaysOn.map((y) => ({ x: c.type as unknown as number, y }))),
              backgroundColor: t.orange,
              pointRadius: 3,
            },
            {
              label: 'Threshold',
              data: v.compute
                .filter((c) => c.threshold !== undefined)
                .map((c) => ({ x: c.type as unknown as number, y: c.threshold as number })),
              backgroundColor: t.red,
              borderColor: t.red,
              pointStyle: 'line',
              pointRadius: 22,
              borderWidth: 3,
            },
          ],
        },
        options: {
          ...base(t),
          scales: {
            x: {
              type: 'category',
              labels: v.compute.map((c) => c.type),
              grid: { color: t.grid },
              ticks: { color: t.fg },
            },
            y: {
              beginAtZero: true,
              grid: { color: t.grid },
              ticks: { color: t.fg },
              title: { display: true, text: 'hours (est.)', color: t.muted },
            },
          },
        },
      }),
    },
    {
      id: 'chart-advice',
      title: 'Recommendations and the hours they move',
      caption:
        'WorkSpaces per advice (bars, left axis) and the estimated hours that move between hourly and monthly billing (right axis).',
      summary: v.advice.map((a) => `${a.title}: ${fmt(a.count)} (${fmt(a.hours)} h)`).join(', '),
      config: (t) => ({
        type: 'bar',
        data: {
          labels: v.advice.map((a) => a.title),
          datasets: [
            {
              label: 'WorkSpaces',
              data: v.advice.map((a) => a.count),
              backgroundColor: v.advice.map((a) => t[ADVICE_COLORS[a.kind] ?? 'muted']),
              yAxisID: 'y',
            },
            {
              label: 'Hours moved (est.)',
              data: v.advice.map((a) => a.hours),
              backgroundColor: t.purple,
              yAxisID: 'y2',
            },
          ],
        },
        options: {
          ...base(t),
          scales: {
            ...axes(t, { yTitle: 'WorkSpaces' }),
            y2: {
              position: 'right',
              beginAtZero: true,
              grid: { drawOnChartArea: false },
              ticks: { color: t.fg },
              title: { display: true, text: 'hours (est.)', color: t.muted },
            },
          },
        },
      }),
    },
  ];
  return out;
}

function drawCharts(v: ReportView): number {
  for (const c of charts.values()) c.destroy();
  charts.clear();
  const t = theme();
  Chart.defaults.font.family = t.font;
  Chart.defaults.color = t.fg;
  Chart.defaults.borderColor = t.grid;
  for (const spec of specs(v)) {
    const canvas = document.getElementById(spec.id) as HTMLCanvasElement | null;
    if (!canvas) continue;
    charts.set(spec.id, new Chart(canvas, spec.config(t)));
  }
  return charts.size;
}

// ---- page ------------------------------------------------------------------------------------

function button(id: string, label: string, title: string, onClick: () => void, disabled = false): HTMLButtonElement {
  const b = h('button', { id, attrs: { type: 'button', title } }, label);
  b.disabled = disabled;
  b.addEventListener('click', onClick);
  return b;
}

function tiles(v: ReportView): HTMLElement {
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

function scopeProblems(v: ReportView): HTMLElement | undefined {
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

function figure(spec: ChartSpec): HTMLElement {
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

function recommendations(v: ReportView): HTMLElement {
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

function render(): void {
  if (!view) {
    app.replaceChildren(h('p', { cls: 'muted', id: 'loading' }, 'Loading…'));
    return;
  }
  const v = view;
  const list = specs(v);
  const parts: Array<Node | string> = [
    h(
      'header',
      { id: 'header' },
      h(
        'p',
        { cls: 'eyebrow' },
        `Fleet report · usage of ${v.lastMonth} and ${v.thisMonth} · generated ${v.generatedAt.slice(0, 16).replace('T', ' ')} UTC`,
      ),
      h('h1', { id: 'title' }, v.title),
    ),
    h(
      'div',
      { cls: 'toolbar', id: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Report actions' } },
      button(
        'refresh',
        busy ? 'Refreshing…' : 'Refresh',
        'Read the usage from CloudWatch again',
        () => post({ type: 'refresh' }),
        busy,
      ),
      button('save-png', 'Save as PNG', 'Save the charts as one PNG image', () => post({ type: 'savePng' })),
      button('copy-markdown', 'Copy as Markdown', 'Copy the numbers of every chart as Markdown tables', () =>
        post({ type: 'copyMarkdown' }),
      ),
    ),
  ];
  const notice = notices.current;
  if (notice) {
    parts.push(
      h(
        'div',
        {
          cls: `notice notice-${notice.level}`,
          id: 'notice',
          attrs: { role: notice.level === 'error' ? 'alert' : 'status' },
        },
        notice.text,
      ),
    );
  }
  parts.push(h('p', { cls: 'estimate', id: 'estimate-note' }, h('strong', {}, 'Estimates. '), v.note));
  parts.push(tiles(v));
  const problems = scopeProblems(v);
  if (problems) parts.push(problems);
  parts.push(h('section', { cls: 'charts', id: 'charts' }, ...list.map(figure)));
  parts.push(recommendations(v));
  app.replaceChildren(...parts);
  app.setAttribute('aria-busy', String(busy));
  document.title = v.title;
  const drawn = drawCharts(v);
  const report: RenderedReport = {
    title: v.title,
    charts: drawn,
    rows: app.querySelectorAll('#recommendation-table tbody tr').length,
    theme: themeName(),
    foreignElements: app.querySelectorAll('img, script, iframe, object, embed, link, style').length,
  };
  post({ type: 'rendered', ...report });
}

/** Every chart on one canvas, in the theme's background, with its title: the PNG. */
function composePng(): string {
  const t = theme();
  const figs = [...document.querySelectorAll<HTMLElement>('figure.chart')];
  const cols = 2;
  const cellW = 640;
  const cellH = 360;
  const pad = 24;
  const titleH = 30;
  const headH = 76;
  const rows = Math.ceil(figs.length / cols);
  const out = document.createElement('canvas');
  out.width = cols * cellW + (cols + 1) * pad;
  out.height = headH + rows * (titleH + cellH + pad) + 40;
  const ctx = out.getContext('2d');
  if (!ctx) return '';
  ctx.fillStyle = t.bg;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = t.fg;
  ctx.font = `600 22px ${t.font}`;
  ctx.fillText(view?.title ?? 'WorkSpaces report', pad, 36);
  ctx.fillStyle = t.muted;
  ctx.font = `13px ${t.font}`;
  ctx.fillText(
    view
      ? `Usage of ${view.lastMonth} and ${view.thisMonth} · generated ${view.generatedAt.slice(0, 16).replace('T', ' ')} UTC · hours are estimates, not billed hours`
      : '',
    pad,
    60,
  );
  figs.forEach((fig, i) => {
    const x = pad + (i % cols) * (cellW + pad);
    const y = headH + Math.floor(i / cols) * (titleH + cellH + pad);
    ctx.fillStyle = t.fg;
    ctx.font = `600 15px ${t.font}`;
    ctx.fillText(fig.querySelector('h2')?.textContent ?? '', x, y + 18);
    const canvas = fig.querySelector('canvas');
    if (canvas && canvas.width > 0 && canvas.height > 0) {
      const scale = Math.min(cellW / canvas.width, cellH / canvas.height);
      ctx.drawImage(canvas, x, y + titleH, canvas.width * scale, canvas.height * scale);
    }
  });
  return out.toDataURL('image/png');
}

function save(v: ReportView): void {
  vscode.setState({ version: 1, view: v });
}

window.addEventListener('message', (event: MessageEvent<ReportMessage>) => {
  const m = event.data;
  if (typeof m !== 'object' || m === null) return;
  switch (m.type) {
    case 'render':
      view = m.view;
      notices.clearError();
      save(m.view);
      render();
      return;
    case 'busy':
      busy = m.busy;
      render();
      return;
    case 'notice':
      notices.show(m.level, m.text);
      return;
    case 'exportPng':
      post({ type: 'png', dataUrl: composePng() });
      return;
  }
});

// The theme changed: VS Code swaps the body's class and the --vscode-* variables; redraw in them.
new MutationObserver(() => {
  if (view) render();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

view = parseReportPageState(vscode.getState())?.view;
render();
post({ type: 'ready' });
