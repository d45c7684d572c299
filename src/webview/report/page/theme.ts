// The report's colours: the theme's --vscode-* variables read at draw time (the page redraws when
// the theme changes), one colour per WorkSpace state and per kind of advice.

export interface Theme {
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

export function theme(): Theme {
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

export function themeName(): string {
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
export function stateColors(t: Theme, states: readonly string[]): string[] {
  const used = new Map<string, number>();
  return states.map((s) => {
    const base = stateColor(t, s);
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    return shade(base, n);
  });
}

export const ADVICE_COLORS: Record<string, keyof Theme> = {
  toAlwaysOn: 'orange',
  onPace: 'orange',
  toAutoStop: 'blue',
  unused: 'red',
  keep: 'green',
  skipped: 'muted',
  none: 'muted',
};
