// The fleet report page. Plain DOM for the text (createElement + text nodes, never innerHTML) and
// Chart.js, bundled into this file (no CDN), for the charts, drawn in the theme's colours (the
// --vscode-* variables) and redrawn when the theme changes. Chart.js sizes its canvases through
// the CSSOM (element.style), which a CSP without 'unsafe-inline' allows; nothing here adds a style
// attribute or a <style> element.
//
// This file holds the page's layout and the PNG; the messages, the saved state (hiding) and the
// notices are the bridge's (host/page/bridge.ts), the colours in theme.ts, the charts in charts.ts,
// the other parts of the page in parts.ts.
import './main.css';
import { startPage } from '../../host/page/bridge';
import { button, h, type Child } from '../../host/page/dom';
import {
  parseReportPageState,
  type RenderedFleetReport,
  type ReportMessage,
  type ReportPageMessage,
  type ReportPageState,
  type ReportView,
} from '../protocol';
import { drawCharts, specs } from './charts';
import { figure, recommendations, scopeProblems, tiles } from './parts';
import { theme, themeName } from './theme';

const page = startPage<ReportView, RenderedFleetReport, ReportPageMessage, ReportMessage>({
  restore: (saved) => parseReportPageState(saved)?.view,
  save: (view): ReportPageState => ({ version: 1, view }),
  title: (v) => v.title,
  draw(v, { busy, notice, post }) {
    const parts: Child[] = [
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
          { disabled: busy },
        ),
        button('save-png', 'Save as PNG', 'Save the charts as one PNG image', () => post({ type: 'savePng' }), {
          secondary: true,
        }),
        button(
          'copy-markdown',
          'Copy as Markdown',
          'Copy the numbers of every chart as Markdown tables',
          () => post({ type: 'copyMarkdown' }),
          { secondary: true },
        ),
      ),
    ];
    if (notice) parts.push(notice);
    parts.push(h('p', { cls: 'estimate', id: 'estimate-note' }, h('strong', {}, 'Estimates. '), v.note));
    parts.push(tiles(v));
    const problems = scopeProblems(v);
    if (problems) parts.push(problems);
    parts.push(h('section', { cls: 'charts', id: 'charts' }, ...specs(v).map(figure)));
    parts.push(recommendations(v));
    return parts;
  },
  drawn: (v, app) => ({
    title: v.title,
    charts: drawCharts(v),
    rows: app.querySelectorAll('#recommendation-table tbody tr').length,
    theme: themeName(),
  }),
  receive(m) {
    if (m.type === 'exportPng') page.post({ type: 'png', requestId: m.requestId, dataUrl: composePng(page.view) });
  },
});

/** Every chart on one canvas, in the theme's background, with its title: the PNG. */
function composePng(view: ReportView | undefined): string {
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

// The theme changed: VS Code swaps the body's class and the --vscode-* variables; redraw in them.
new MutationObserver(() => page.redraw()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
