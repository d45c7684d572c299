// The sections of the benchmark's report: the figures of one fleet scenario (with their lower
// bounds and targets) and of activation. Shared by run.ts and the smoke test.
import { bundleSizes, type ActivationMetrics } from './activation';
import { awsCliVersion, cliScript } from './cli';
import type { Listing, ScenarioResult } from './driver';
import { figure, median, type Figure, type Section } from './report';
import { criticalCalls, firstPageCalls, minRequests, pages, totalWorkspaces, type RequestBound } from './shape';

const MB = 2 ** 20;

export function opsDetail(byOp: Record<string, number>, min: RequestBound): string {
  const ops = ['DescribeWorkspaceDirectories', 'DescribeWorkspaces', 'DescribeWorkspacesConnectionStatus'] as const;
  const extra = Object.keys(byOp).filter((k) => !(ops as readonly string[]).includes(k));
  return (
    [...ops.map((op) => `${op} ${byOp[op] ?? 0}/${min[op]}`), ...extra.map((op) => `${op} ${byOp[op]}/0`)].join(' · ') +
    ' (measured/minimum)'
  );
}

/** The live heap at its peak: the heap right after each full collection during the listing. */
function liveText(ls: readonly Listing[]): string {
  const live = ls.filter((l) => l.majorGcs > 0).map((l) => l.peakLiveHeap / MB);
  const none = ls.length - live.length;
  if (!live.length) return 'no full collection ran during the listing';
  return `live right after a full collection at most ${Math.max(...live).toFixed(1)} MB${none ? ` (no full collection in ${none} of ${ls.length} runs)` : ''}`;
}

export function scenarioSection(r: ScenarioResult): Section {
  const L = r.latencyMs;
  const shape = r.shape;
  const min = minRequests(shape);
  const crit = criticalCalls(shape);
  // The longest scope's region-wide WorkSpace pages (one after the other).
  const maxPages = Math.max(...shape.scopes.map((s) => Math.max(1, pages(s.directories.reduce((a, n) => a + n, 0)))));
  const heapTarget = r.scenario.heapTarget ? { op: '<=' as const, value: 60, text: '10,000 WorkSpaces' } : undefined;
  const figures: Figure[] = [];
  const phases: Array<['open' | 'refresh', (s: (typeof r.runs)[number]) => Listing | undefined]> = [
    ['open', (s) => s.cold],
    ['refresh', (s) => s.warm],
  ];
  const of = (pick: (s: (typeof r.runs)[number]) => Listing | undefined): Listing[] =>
    r.runs.map(pick).filter((x): x is Listing => x !== undefined);

  for (const [phase, pick] of phases) {
    const ls = of(pick);
    if (!ls.length) continue;
    figures.push(
      figure(
        `first WorkSpace page, ${phase}`,
        'ms',
        ls.map((l) => l.firstPageMs),
        {
          bound: L * firstPageCalls(),
          boundText: 'L: the first page (it does not wait for the directories)',
          target: { op: '<=', value: L + 50, text: 'L + 50 ms' },
        },
      ),
    );
    if (phase === 'open') {
      figures.push(
        figure(
          'all rows shown (before their status), open',
          'ms',
          ls.map((l) => l.allRowsMs),
          {
            bound: L * maxPages,
            boundText: `L × ${maxPages}`,
          },
        ),
      );
    }
    figures.push(
      figure(
        `full listing with status, ${phase}`,
        'ms',
        ls.map((l) => l.fullMs),
        {
          bound: L * crit,
          boundText: `critical path L × ${crit}`,
          target: { op: '<=', value: 1.3 * L * crit, text: '1.3 × critical path' },
        },
      ),
    );
    figures.push(
      figure(
        `requests, ${phase}`,
        'req',
        ls.map((l) => l.counts.total),
        {
          bound: min.total,
          boundText: 'minimum',
          target: { op: '=', value: min.total, text: 'the minimum' },
          detail: opsDetail(ls[0].counts.byOp, min),
        },
      ),
    );
    figures.push(
      figure(
        `peak heap, ${phase}`,
        'MB',
        ls.map((l) => l.peakHeap / MB),
        {
          ...(heapTarget ? { target: heapTarget } : {}),
          detail: `heap in use, with the garbage V8 has not collected yet${phase === 'refresh' ? ' (the rows of the last listing stay shown while the new pages arrive)' : ''}; ${liveText(ls)}`,
        },
      ),
    );
    if (phase === 'open') {
      figures.push(
        figure(
          'heap kept after the listing (after a gc)',
          'MB',
          ls.map((l) => l.retainedHeap / MB),
          {
            detail: `before the listing, with the AWS layer loaded: ${(median(r.runs.map((s) => s.ready.baselineHeap)) / MB).toFixed(1)} MB`,
          },
        ),
      );
    }
  }
  const cold = of((s) => s.cold);
  const n = totalWorkspaces(shape);
  figures.push(
    figure(
      'before the listing: load dist/aws.js, read the profiles',
      'ms',
      r.runs.map((s) => s.ready.loadMs),
      {
        detail: 'once per session, when the view first needs data; not in the figures above',
      },
    ),
    figure(
      'client CPU, open',
      'ms',
      cold.map((l) => l.cpuMs),
      {
        detail: `${(median(cold.map((l) => l.cpuMs)) / min.total).toFixed(2)} ms per request; the measured process (SDK, fleet model)`,
      },
    ),
    figure(
      'emulator CPU, open',
      'ms',
      cold.map((l) => l.emulatorCpuMs),
      {
        detail: `${(median(cold.map((l) => l.emulatorCpuMs)) / min.total).toFixed(2)} ms per request (SigV4 check, filtering, JSON); not the extension's`,
      },
    ),
    figure(
      'first request reaches the emulator, open',
      'ms',
      cold.map((l) => l.timeline.startDelayMs),
      {
        detail: 'client setup on first use: SDK client, credentials, endpoint, connection',
      },
    ),
    figure(
      'time per page beyond L, longest chain, open',
      'ms',
      cold.map((l) => l.timeline.hopOverheadMs),
      {
        detail: `median over ${cold[0]?.timeline.hops ?? 0} hops of (arrival of page k+1 − arrival of page k − L) at the emulator: its work + the client's`,
      },
    ),
    figure(
      '  of which the emulator (per page beyond L)',
      'ms',
      cold.map((l) => l.timeline.serverExtraMs),
      {
        detail:
          'median time the emulator held a DescribeWorkspaces request beyond L (its work, its event loop); the rest is the client turning a page into the next request',
      },
    ),
  );
  const polls = r.runs.map((s) => s.poll).filter((p) => p !== undefined);
  if (polls.length) {
    const moving = polls[0].moving;
    figures.push(
      figure(
        'poll tick, nothing moving',
        'req',
        polls.map((p) => p.idle.total),
        { bound: 0, target: { op: '=', value: 0, text: '' } },
      ),
      figure(
        `poll tick, ${moving} moving`,
        'req',
        polls.map((p) => p.tick.total),
        {
          bound: Math.ceil(moving / 25),
          boundText: `⌈${moving}/25⌉`,
          target: { op: '=', value: Math.ceil(moving / 25), text: '⌈moving/25⌉' },
          detail: Object.entries(polls[0].tick.byOp)
            .map(([op, c]) => `${op} ${c}`)
            .join(' · '),
        },
      ),
    );
  }
  const notes: string[] = [];
  if (r.cli?.runs.length) {
    const ext = median(cold.map((l) => l.fullMs));
    const cliMs = r.cli.runs.map((c) => c.ms);
    figures.push(
      figure(
        `AWS CLI script, same listing`,
        's',
        cliMs.map((ms) => ms / 1000),
        {
          detail: `${r.cli.runs[0].counts.total} requests (${Object.entries(r.cli.runs[0].counts.byOp)
            .map(([op, c]) => `${op} ${c}`)
            .join(' · ')}), ${r.cli.runs[0].statuses} statuses`,
        },
      ),
      figure(
        'AWS CLI ÷ extension (full listing, open)',
        '×',
        cliMs.map((ms) => ms / ext),
        { target: { op: '>=', value: 5, text: '' } },
      ),
    );
    notes.push(
      `AWS CLI peer (${awsCliVersion() ?? 'aws'}), ${r.cli.runs.length} runs, on this fleet only (it starts a process per call): ` +
        `describe-workspaces --page-size 25 (the CLI pages by itself), then describe-workspaces-connection-status for every id in batches of 25 through ` +
        `${r.cli.parallel > 1 ? `xargs -P ${r.cli.parallel} (generous: ${r.cli.parallel} CLI processes at once)` : 'xargs, one call after the other'}: ` +
        cliScript(r.cli.parallel)
          .split('\n')
          .slice(1)
          .map((l) => l.trim())
          .join(' '),
    );
  }
  const dirs = shape.scopes[0]?.directories ?? [];
  notes.push(
    `${n.toLocaleString('en-US')} WorkSpaces in ${shape.scopes.length} scope(s) × ${dirs.length} directories of ${[...new Set(dirs)].join('/')}; ` +
      `minimum requests = directory pages + ⌈N/25⌉ region-wide WorkSpace pages + ⌈N/25⌉ status calls per scope (status per page, as the extension fetches it) = ${min.total}; ` +
      `critical path = L × (${crit - 1} WorkSpace pages one after the other + 1 status call) = ${L * crit} ms.`,
  );
  return { id: r.scenario.id, title: `${r.scenario.title} — L = ${L} ms, ${r.runs.length} runs`, figures, notes };
}

export function activationSection(runs: ActivationMetrics[]): Section {
  const figures: Figure[] = [];
  const b = bundleSizes();
  const notes: string[] = [];
  if (runs.length) {
    figures.push(
      figure(
        'activate() in the extension host',
        'ms',
        runs.map((m) => m.activationMs),
        { target: { op: '<=', value: 20, text: '' } },
      ),
      figure(
        'AWS SDK loaded at activation',
        'bool',
        runs.map((m) => (m.awsLoadedAtActivation ? 1 : 0)),
        { target: { op: '=', value: 0, text: '' } },
      ),
    );
    notes.push(
      `VS Code ${runs[0].vscodeVersion} (code-server), extension host Node ${runs[0].node}; ${runs.length} runs of the integration harness (activation test only).`,
    );
  }
  if (b) {
    const kb = (x: number): number => x / 1024;
    figures.push(
      figure('activation chunk dist/extension.js', 'KB', [kb(b.extension)]),
      figure('AWS layer + SDK dist/aws.js (loaded on first data)', 'KB', [kb(b.aws)]),
      figure('webview dist/webview/*', 'KB', [kb(b.webview)]),
      figure('total', 'KB', [kb(b.total)]),
    );
  }
  return { id: 'activation', title: 'Activation and bundles (production build)', figures, notes };
}
