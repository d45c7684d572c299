// Figures of the benchmark (median, min, max over the runs, beside their lower bound and target)
// and their rendering: a text table for stdout and a Markdown table for the README.

export type Unit = 'ms' | 's' | 'MB' | 'KB' | 'req' | '×' | 'bool' | 'count';

export interface Target {
  op: '<=' | '=' | '>=';
  value: number;
  /** How the target is derived, e.g. "L + 50 ms". */
  text: string;
}

export interface Figure {
  name: string;
  unit: Unit;
  values: number[];
  median: number;
  min: number;
  max: number;
  /** The lower bound from the fleet's shape (or the exact minimum), when there is one. */
  bound?: number;
  boundText?: string;
  target?: Target;
  result?: 'PASS' | 'MISS';
  /** A short extra line (per-operation requests, what the figure includes). */
  detail?: string;
  /** The same figure measured before the change it judges (as text: it may come from another
   *  setting, which the text says). */
  before?: string;
}

export interface Section {
  id: string;
  title: string;
  figures: Figure[];
  notes: string[];
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export function figure(
  name: string,
  unit: Unit,
  values: readonly number[],
  extra: { bound?: number; boundText?: string; target?: Target; detail?: string; before?: string } = {},
): Figure {
  const f: Figure = {
    name,
    unit,
    values: [...values],
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    ...extra,
  };
  if (f.target) f.result = meets(f.median, f.target) ? 'PASS' : 'MISS';
  return f;
}

function meets(v: number, t: Target): boolean {
  if (t.op === '<=') return v <= t.value;
  if (t.op === '>=') return v >= t.value;
  return v === t.value;
}

export function fmt(v: number | undefined, unit: Unit): string {
  if (v === undefined || Number.isNaN(v)) return '—';
  switch (unit) {
    case 'ms':
      return `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms`;
    case 's':
      return `${v.toFixed(1)} s`;
    case 'MB':
      return `${v.toFixed(1)} MB`;
    case 'KB':
      return `${v.toFixed(1)} KB`;
    case '×':
      return `${v < 10 ? v.toFixed(2) : v.toFixed(1)}×`;
    case 'bool':
      return v ? 'yes' : 'no';
    case 'req':
    case 'count':
      return `${Number.isInteger(v) ? v : v.toFixed(1)}`;
  }
}

function range(f: Figure): string {
  if (f.values.length <= 1 || f.min === f.max) return '';
  return `${fmt(f.min, f.unit)} – ${fmt(f.max, f.unit)}`;
}

function targetText(f: Figure): string {
  if (!f.target) return '';
  const op = f.target.op === '<=' ? '≤' : f.target.op === '>=' ? '≥' : '=';
  const v = f.unit === 'bool' ? (f.target.value ? 'yes' : 'no') : fmt(f.target.value, f.unit);
  return `${op} ${v}${f.target.text ? ` (${f.target.text})` : ''}`;
}

function boundText(f: Figure): string {
  if (f.bound === undefined) return '';
  return `${fmt(f.bound, f.unit)}${f.boundText ? ` (${f.boundText})` : ''}`;
}

const HEAD = ['figure', 'median', 'min – max', 'bound', 'target', ''];
/** The columns of a section: with a 'before' column after the figure's name when any figure has one. */
const headOf = (s: Section): string[] =>
  s.figures.some((f) => f.before) ? ['figure', 'before', ...HEAD.slice(1)] : HEAD;

function rows(s: Section): string[][] {
  const withBefore = headOf(s) !== HEAD;
  return s.figures.map((f) => [
    f.name,
    ...(withBefore ? [f.before ?? ''] : []),
    fmt(f.median, f.unit),
    range(f),
    boundText(f),
    targetText(f),
    f.result ?? '',
  ]);
}

export function textTable(sections: readonly Section[]): string {
  const out: string[] = [];
  for (const s of sections) {
    const head = headOf(s);
    const all = rows(s);
    const widths = head.map((h, i) => Math.max(h.length, ...all.map((r) => r[i].length)));
    const numeric = head.indexOf('median');
    const line = (r: string[]): string =>
      r
        .map((c, i) => (i === numeric ? c.padStart(widths[i]) : c.padEnd(widths[i])))
        .join('  ')
        .trimEnd();
    out.push('', s.title, line(head), widths.map((w) => '─'.repeat(w)).join('  '));
    s.figures.forEach((f, i) => {
      out.push(line(all[i]));
      if (f.detail) out.push(`    ${f.detail}`);
    });
    for (const n of s.notes) out.push(`  · ${n}`);
  }
  return out.join('\n');
}

export function markdownTable(sections: readonly Section[]): string {
  const out: string[] = [];
  const cell = (c: string): string => c.replace(/\|/g, '\\|');
  for (const s of sections) {
    const head = headOf(s);
    out.push(
      `**${s.title}**`,
      '',
      `| ${head.slice(0, -1).join(' | ')} | result |`,
      `|${head.map((h) => (h === 'median' ? '---:' : '---')).join('|')}|`,
    );
    const all = rows(s);
    s.figures.forEach((f, i) => {
      const r = all[i];
      if (f.detail) r[0] = `${r[0]}<br><sub>${f.detail}</sub>`;
      out.push(`| ${r.map(cell).join(' | ')} |`);
    });
    if (s.notes.length) out.push('', ...s.notes.map((n) => `- ${n}`));
    out.push('');
  }
  return out.join('\n');
}
