// The figures of the reliability proof (README "Reliability"): the fault-matrix and hostile-data
// tests record what they measured into test-results/reliability.json (unit and integration parts
// merge into one file), and this module renders it as Markdown.
//
//   node out/test/support/reliability.js            prints the Markdown
//   node out/test/support/reliability.js --readme   also writes it into README.md between the
//                                                    reliability markers
// No vscode import: used in plain Node and inside the extension host.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SYSTEM_CLOCK } from '../../src/core/clock';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const RELIABILITY_FILE = process.env.WSF_RELIABILITY_FILE ?? join(ROOT, 'test-results', 'reliability.json');

export interface MatrixRow {
  /** Stable key, e.g. "unit/throttle30". */
  id: string;
  /** What goes wrong, e.g. "30 % throttling". */
  fault: string;
  /** The one switch that reproduces it, e.g. "emulator.setFaults({ throttleRate: 0.3 })". */
  reproduce: string;
  /** Where it ran. */
  level: 'unit' | 'integration';
  /** WorkSpaces in the emulated fleet / of them reachable (their scope is not cut off). */
  workspaces: number;
  reachable: number;
  /** Distinct WorkSpaces listed, and rows listed more than once. */
  listed: number;
  duplicates: number;
  /** One line per error row the user sees ("sandbox-dev us-east-1: Credentials problem"). */
  errorRows: string[];
  /** Requests the emulator served and how many of them it answered with the fault. */
  requests: number;
  faultsInjected: number;
  /** Faulted requests the SDK or the layer retried (injected minus the ones surfaced as errors). */
  retried: number;
  /** Items acted on, and of them exactly once (emulator actionCount). */
  actedOn?: number;
  exactlyOnce?: number;
  passed: boolean;
  note?: string;
}

export interface PayloadFigures {
  /** Hostile strings put into API fields. */
  payloads: number;
  /** Places each was checked in (tree label, description, tooltip, notification, webview, log). */
  sinks: string[];
  /** payload × field × sink checks made. */
  checks: number;
  /** Checks where markup, a link, an image or a command survived. */
  leaks: number;
  /** Of them, per sink. */
  leaksBySink?: Record<string, number>;
}

export interface FuzzFigures {
  validators: string[];
  /** Generated inputs tried (all validators together). */
  runs: number;
  /** Inputs refused, and of them sent to the API anyway (must be 0; undefined: not measured here). */
  refused: number;
  sentWhenRefused?: number;
  /** Inputs accepted by a validator that the API (emulator) then refused (must be 0). */
  acceptedButApiRefused: number;
}

export interface SecretFigures {
  /** Secret strings looked for (secret keys, session tokens) plus the header names. */
  secrets: number;
  /** Log lines scanned, and where they came from. */
  lines: number;
  sources: string[];
  hits: number;
}

export interface ReliabilityFile {
  updated: string;
  rows: Record<string, MatrixRow>;
  payloads: Record<string, PayloadFigures>;
  fuzz: Record<string, FuzzFigures>;
  secrets: Record<string, SecretFigures>;
  /** Free-form figures (coalescing, unhandled rejections, ...), by key. */
  figures: Record<string, string | number>;
}

function empty(): ReliabilityFile {
  return { updated: new Date(0).toISOString(), rows: {}, payloads: {}, fuzz: {}, secrets: {}, figures: {} };
}

export function readReliability(file = RELIABILITY_FILE): ReliabilityFile {
  if (!existsSync(file)) return empty();
  try {
    return { ...empty(), ...(JSON.parse(readFileSync(file, 'utf8')) as Partial<ReliabilityFile>) };
  } catch {
    return empty();
  }
}

/** Read-modify-write of the results file (each test process writes its own keys). */
export function updateReliability(change: (r: ReliabilityFile) => void, file = RELIABILITY_FILE): void {
  const r = readReliability(file);
  change(r);
  // When the run happened (the README's "Latest run"): the wall clock, not a date a test asserts on.
  r.updated = new Date(SYSTEM_CLOCK.now()).toISOString();
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(r, null, 2));
  renameSync(tmp, file);
}

export function recordRow(row: MatrixRow): void {
  updateReliability((r) => (r.rows[row.id] = row));
}

export function recordFigure(key: string, value: string | number): void {
  updateReliability((r) => (r.figures[key] = value));
}

const n = (x: number): string => x.toLocaleString('en-US');
const cell = (s: string): string => s.replace(/\s+/g, ' ').replace(/\|/g, '\\|');

/** "4 × images: Unexpected response from the endpoint — The endpoint answered an HTML page…": rows
 *  that differ only by their scope are counted once. */
function errorSummary(rows: readonly string[]): string {
  if (rows.length === 0) return 'none';
  const byText = new Map<string, number>();
  for (const r of rows) {
    // "sandbox-dev us-east-1 images: …" / "orphan us-east-1: …" / "(root): …" → the part after the scope.
    const text = r
      .replace(/\/tmp\/[^/\s]+\//g, '…/')
      .replace(/^\S+ [a-z]{2}(?:-[a-z]+)+-\d( [a-z]+)?: /, (_m, section: string | undefined) =>
        section ? `${section.trim()}: ` : '',
      );
    const clipped = cell(text).slice(0, 110) + (cell(text).length > 110 ? '…' : '');
    byText.set(clipped, (byText.get(clipped) ?? 0) + 1);
  }
  return [...byText].map(([t, k]) => `${k} × ${t}`).join('<br>');
}

/** The Markdown of the README section's body (without the "## Reliability" heading). */
export function renderReliability(r: ReliabilityFile): string {
  const rank = (row: MatrixRow): number => (row.level === 'unit' ? 0 : 2) + (row.actedOn === undefined ? 0 : 1);
  const rows = Object.values(r.rows).sort((a, b) => rank(a) - rank(b));
  const out: string[] = [];
  out.push(`Latest run: ${r.updated.slice(0, 16).replace('T', ' ')} UTC.`);
  out.push('');
  out.push(
    '| Fault | Reproduce with | Level | Listed / reachable | Duplicates | Error rows shown | Requests (faulted / retried) | Acted on exactly once | Result |',
  );
  out.push('|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) {
    const acted = row.actedOn === undefined ? '–' : `${n(row.exactlyOnce ?? 0)} / ${n(row.actedOn)}`;
    const listed = row.workspaces === 0 ? '–' : `${n(row.listed)} / ${n(row.reachable)} of ${n(row.workspaces)}`;
    out.push(
      `| ${cell(row.fault)} | \`${cell(row.reproduce)}\` | ${row.level} | ${listed} | ${row.workspaces === 0 ? '–' : n(row.duplicates)} | ${errorSummary(row.errorRows)} | ${n(row.requests)} (${n(row.faultsInjected)} / ${n(row.retried)}) | ${acted} | ${row.passed ? 'pass' : '**FAIL**'} |`,
    );
  }
  const totals = rows.reduce(
    (t, row) => ({
      survived: t.survived + (row.passed ? 1 : 0),
      faulted: t.faulted + row.faultsInjected,
      retried: t.retried + row.retried,
      acted: t.acted + (row.actedOn ?? 0),
      once: t.once + (row.exactlyOnce ?? 0),
    }),
    { survived: 0, faulted: 0, retried: 0, acted: 0, once: 0 },
  );
  out.push('');
  out.push(
    `**Faults survived: ${totals.survived} of ${rows.length} rows. Faulted requests: ${n(totals.faulted)}, retried: ${n(totals.retried)}. Items acted on exactly once: ${n(totals.once)} of ${n(totals.acted)}.**`,
  );
  const payloads = Object.values(r.payloads);
  if (payloads.length > 0) {
    out.push('');
    for (const [key, p] of Object.entries(r.payloads)) {
      const by = Object.entries(p.leaksBySink ?? {}).filter(([, k]) => k > 0);
      out.push(
        `- Hostile data (${key}): ${n(p.payloads)} payloads × API fields × sinks (${p.sinks.join(', ')}) = ${n(p.checks)} checks, ${n(p.leaks)} leaks${by.length ? ` (${by.map(([s, k]) => `${s}: ${n(k)}`).join(', ')})` : ''}.`,
      );
      if (p.leaks > 0) {
        out.push(
          `  **Open:** ${by.map(([s]) => s).join(', ') || 'some sinks'} still let API data through; the hostile-data test fails until this is fixed.`,
        );
      }
    }
  }
  for (const [key, f] of Object.entries(r.fuzz)) {
    out.push(
      `- Input fuzzing (${key}): ${n(f.runs)} generated inputs over ${f.validators.length} validators (${f.validators.join(', ')}); ${n(f.refused)} refused with a message${f.sentWhenRefused === undefined ? '' : `, ${n(f.sentWhenRefused)} of them sent`}; ${n(f.acceptedButApiRefused)} accepted inputs refused by the API.`,
    );
  }
  for (const [key, s] of Object.entries(r.secrets)) {
    out.push(
      `- Secrets (${key}): ${n(s.lines)} log lines from ${s.sources.join(', ')} scanned for ${s.secrets} secrets and signed headers: ${n(s.hits)} found.`,
    );
  }
  const figs = Object.entries(r.figures).sort(([a], [b]) => a.localeCompare(b));
  for (const [key, v] of figs) out.push(`- ${key}: ${typeof v === 'number' ? n(v) : v}`);
  return out.join('\n');
}

export const README_START =
  '<!-- reliability:start (generated by `node out/test/support/reliability.js --readme` from test-results/reliability.json) -->';
export const README_END = '<!-- reliability:end -->';

/** Replaces the generated block of README.md (between the markers) with the latest figures. */
export function writeIntoReadme(markdown: string, readme = join(ROOT, 'README.md')): boolean {
  const text = readFileSync(readme, 'utf8');
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start < 0 || end < start) return false;
  writeFileSync(readme, `${text.slice(0, start + README_START.length)}\n${markdown}\n${text.slice(end)}`);
  return true;
}

if (require.main === module) {
  const md = renderReliability(readReliability());
  process.stdout.write(`${md}\n`);
  writeFileSync(join(ROOT, 'test-results', 'reliability.md'), `${md}\n`);
  if (process.argv.includes('--readme')) {
    if (!writeIntoReadme(md)) {
      process.stderr.write('README.md has no reliability markers\n');
      process.exit(1);
    }
  }
}
