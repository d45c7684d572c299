// The report's charts: Chart.js, bundled into the page (no CDN), registered with only the parts
// the charts use; a spec per chart (its title, caption, words for a screen reader, and its
// configuration in the theme's colours) and the drawing of every spec onto its canvas.
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
import type { ReportView } from '../protocol';
import { fmt } from '../../host/page/dom';
import { ADVICE_COLORS, stateColors, theme, type Theme } from './theme';

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

const charts = new Map<string, Chart>();

export interface ChartSpec {
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

export function specs(v: ReportView): ChartSpec[] {
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

export function drawCharts(v: ReportView): number {
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
