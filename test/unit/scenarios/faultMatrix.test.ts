// The fault matrix over the Fleet model and the real AWS layer (SDK, scheduler, real HTTP)
// against the emulator's 1,000-WorkSpace fleet (2 accounts × 2 regions). Each row switches on one
// fault and checks that every reachable WorkSpace is listed exactly once, that every scope the
// fault cuts off shows one error row naming the cause, and that the other profiles and regions
// are complete. Rows run concurrently (each has its own emulator and layer): most of their time
// is waiting (backoff, the quota), not CPU. Figures go to test-results/reliability.json.
import * as assert from 'node:assert/strict';
import { AWS_ERROR_TITLES, formatAwsError } from '../../../src/core/errors';
import { recordRow } from '../../support/reliability';
import { fleetRun, loadAll, LOG_LINES, measure, row, type FleetRun, type Measured } from './support';

const PROD = 'sandbox-prod';
const DEV = 'sandbox-dev';

interface Scenario {
  id: string;
  fault: string;
  /** The one switch that reproduces the row (documented in the README table). */
  reproduce: string;
  start(): Promise<FleetRun>;
  /** Scope keys the fault cuts off (they must show one error row each). */
  unreachable: string[];
  /** What each cut-off scope's (or failed section's) error row must say. */
  expectRows: RegExp[];
  /** Calls that give up (shown as errors): for the retried figure. */
  surfaced?: (m: Measured) => number;
  check?(run: FleetRun, m: Measured): void;
  note?: string;
}

const both = (profile: string): string[] => [`${profile}|us-east-1`, `${profile}|eu-west-1`];
const title = (k: keyof typeof AWS_ERROR_TITLES): string => AWS_ERROR_TITLES[k].replace(/[()]/g, '\\$&');

const SCENARIOS: Scenario[] = [
  {
    id: 'quota',
    fault: "AWS's API quota: 2 calls/s, burst 5 per account and region (300 WorkSpaces in one scope)",
    reproduce: 'startEmulator({ quota: { rate: 2, burst: 5 } }) (the default)',
    // The layer as the extension makes it (scheduler at 2/s, burst 5). Without the scheduler the
    // same listing (SDK paging + a status call per page, as the layer sent them before) is throttled
    // within its first second and gives calls up after the SDK's attempts.
    start: () =>
      fleetRun({
        emulator: {
          seed: { kind: 'fleet', workspaces: 300, accounts: 1, regions: ['us-east-1'], directories: 4, movingRate: 0 },
          quota: { rate: 2, burst: 5 },
        },
      }),
    unreachable: [],
    expectRows: [],
    check: ({ h }) => {
      assert.equal(h.emu.counts().throttled, 0, 'at the true rate nothing is throttled');
      assert.equal(h.emu.counts().byOp.DescribeWorkspaces, 12, 'region-wide: ⌈300/25⌉ pages');
    },
    note: 'the scheduler paces the calls at the quota: no throttling, no error',
  },
  {
    id: 'throttle30',
    fault: '30 % throttling (ThrottlingException)',
    reproduce: 'setFaults({ throttleRate: 0.3 })',
    // Random throttling, with the extension's own scheduler (starting at 2/s, burst 5, adaptive):
    // each throttled call waits and goes again, the rate drops to its floor (1/s) and probes stay
    // rare. 400 WorkSpaces (4 scopes × 100) keep the row short.
    start: () =>
      fleetRun({
        emulator: {
          seed: { kind: 'fleet', workspaces: 100, accounts: 2, regions: ['us-east-1', 'eu-west-1'], movingRate: 0 },
          faults: { throttleRate: 0.3 },
        },
        layer: { scheduler: {} },
      }),
    unreachable: [],
    expectRows: [],
    note: 'throttled calls are re-queued by the scheduler, never given up',
  },
  {
    id: 'errors10',
    fault: '10 % HTTP 500 / 503 (InternalFailure, ServiceUnavailable)',
    reproduce: 'setFaults({ errorRate: 0.1 })',
    start: () => fleetRun({ emulator: { faults: { errorRate: 0.1 } } }),
    unreachable: [],
    expectRows: [],
  },
  {
    id: 'html10',
    fault: 'HTML 500 error page (proxy / load balancer), 10 % of requests',
    reproduce: 'setFaults({ htmlRate: 0.1 })',
    start: () => fleetRun({ emulator: { faults: { htmlRate: 0.1 } } }),
    unreachable: [],
    expectRows: [],
  },
  {
    id: 'truncated10',
    fault: 'Truncated JSON body (HTTP 200), 10 % of requests',
    reproduce: 'setFaults({ truncatedRate: 0.1 })',
    start: () => fleetRun({ emulator: { faults: { truncatedRate: 0.1 } } }),
    unreachable: [],
    expectRows: [],
    note: 'reads are retried by the layer (bounded by the SDK attempts); actions never are',
  },
  {
    id: 'hang5',
    fault: 'Hung connection (no answer), 5 % of requests; request timeout 1 s',
    reproduce: 'setFaults({ hangRate: 0.05 }) + requestTimeoutMs 1000',
    start: () => fleetRun({ emulator: { faults: { hangRate: 0.05 } }, layer: { requestTimeoutMs: 1000 } }),
    unreachable: [],
    expectRows: [],
  },
  {
    id: 'htmlImages',
    fault: 'HTML 500 page on every image listing (persistent)',
    reproduce: "setFaults({ htmlRate: 1, operations: ['DescribeWorkspaceImages'] })",
    start: () => fleetRun({ emulator: { faults: { htmlRate: 1, operations: ['DescribeWorkspaceImages'] } } }),
    unreachable: [],
    expectRows: Array.from(
      { length: 4 },
      () =>
        new RegExp(
          `images: ${title('badResponse')} — This endpoint did not answer DescribeWorkspaceImages like the WorkSpaces API \\(HTTP 500 HTML page\\)`,
        ),
    ),
    surfaced: () => 4 * 2,
  },
  {
    id: 'truncatedPools',
    fault: 'Truncated JSON on every pool listing (persistent)',
    reproduce: "setFaults({ truncatedRate: 1, operations: ['DescribeWorkspacesPools'] })",
    start: () => fleetRun({ emulator: { faults: { truncatedRate: 1, operations: ['DescribeWorkspacesPools'] } } }),
    unreachable: [],
    expectRows: Array.from(
      { length: 4 },
      () =>
        new RegExp(
          `pools: ${title('badResponse')} — This endpoint did not answer DescribeWorkspacesPools like the WorkSpaces API \\(HTTP 200, truncated or malformed JSON\\)`,
        ),
    ),
    surfaced: () => 4,
  },
  {
    id: 'hangAll',
    fault: 'Every request hangs (endpoint black-holed); request timeout 300 ms',
    reproduce: 'setFaults({ hangRate: 1 }) + requestTimeoutMs 300',
    start: () => fleetRun({ emulator: { faults: { hangRate: 1 } }, layer: { requestTimeoutMs: 300 } }),
    unreachable: [...both(PROD), ...both(DEV)],
    expectRows: Array.from({ length: 4 }, () => new RegExp(`^sandbox-\\w+ [\\w-]+: ${title('timeout')}`)),
    surfaced: () => 4 * 4,
    check: ({ fleet }) => assert.equal(fleet.allFailing, true, 'the "no profile could be loaded" welcome shows'),
  },
  {
    id: 'accessDenied',
    fault: 'Access denied in one region (sandbox-prod eu-west-1)',
    reproduce: "setFaults({ accessDeniedRegions: [{ region: 'eu-west-1', account: '111111111111' }] })",
    start: () =>
      fleetRun({ emulator: { faults: { accessDeniedRegions: [{ region: 'eu-west-1', account: '111111111111' }] } } }),
    unreachable: [`${PROD}|eu-west-1`],
    expectRows: [new RegExp(`^sandbox-prod eu-west-1: ${title('accessDenied')} — .*lacks the WorkSpaces permission`)],
    surfaced: (m) => m.faultsInjected,
  },
  {
    id: 'expiredToken',
    fault: 'Expired session token for one profile (sandbox-dev)',
    reproduce: "setFaults({ expiredKeys: ['ASIAEMULATOR22222222'] })",
    start: () => fleetRun({ emulator: { faults: { expiredKeys: ['ASIAEMULATOR22222222'] } } }),
    unreachable: both(DEV),
    expectRows: both(DEV).map(
      (k) =>
        new RegExp(
          `^${k.replace('|', ' ')}: ${title('credentials')} — The session token of profile "sandbox-dev" has expired`,
        ),
    ),
    surfaced: (m) => m.faultsInjected,
  },
  {
    id: 'credentialProcess',
    fault: 'Failing credential_process for one profile (sandbox-dev)',
    reproduce: 'config: credential_process = node -e "process.exit(3)" -- --token=SECRET123 (no keys) for sandbox-dev',
    start: () =>
      fleetRun({
        files: (f) => ({
          // A token on the command line, echoed on stderr: neither may show anywhere.
          config: f.config.replace(
            `[profile ${DEV}]\n`,
            `[profile ${DEV}]\ncredential_process = ${process.execPath} -e "process.stderr.write('token broker refused ' + process.argv.at(-1));process.exit(3)" -- --token=SECRET123\n`,
          ),
          credentials: f.credentials.replace(new RegExp(`\\[${DEV}\\][^[]*`), ''),
        }),
      }),
    unreachable: both(DEV),
    expectRows: both(DEV).map(
      (k) =>
        new RegExp(
          `^${k.replace('|', ' ')}: ${title('credentials')} — The credential_process of profile "sandbox-dev" failed`,
        ),
    ),
    check: ({ fleet }) => {
      for (const scope of fleet.allScopes()) {
        const e = scope.fatalError;
        const shown = e ? [e.message, e.hint ?? '', formatAwsError(e)] : [];
        for (const t of [...shown, ...LOG_LINES]) assert.ok(!t.includes('SECRET123'), `the token shows: ${t}`);
      }
    },
  },
  {
    id: 'badIniLines',
    fault: 'Malformed ~/.aws/config: lines that are not INI, an unclosed [section',
    reproduce: 'config: "this is not ini", "[profile broken" between the profiles',
    start: () =>
      fleetRun({
        files: (f) => ({
          config: `this is not ini\n${f.config.replace(`[profile ${DEV}]`, `===\n[profile broken\n[profile ${DEV}]`)}`,
          credentials: f.credentials,
        }),
      }),
    unreachable: [],
    expectRows: [],
    note: "the SDK's INI parser skips lines it cannot read (the AWS CLI refuses the whole file)",
  },
  {
    id: 'unknownSource',
    fault: 'source_profile naming a profile that does not exist (extra profile "orphan")',
    reproduce: 'config: [profile orphan] role_arn = …, source_profile = nowhere',
    start: () =>
      fleetRun({
        files: (f, emu) => ({
          config: `${f.config}\n[profile orphan]\nrole_arn = arn:aws:iam::111111111111:role/admin\nsource_profile = nowhere\nregion = us-east-1\nendpoint_url = ${emu.url}\n`,
          credentials: f.credentials,
        }),
      }),
    unreachable: [],
    expectRows: [
      new RegExp(
        `^orphan us-east-1: ${title('credentials')} — Add a \\[profile nowhere\\] section or fix source_profile`,
      ),
    ],
    check: ({ fleet }) => {
      const e = fleet.scopeModel({ profile: 'orphan', region: 'us-east-1' })?.fatalError;
      assert.match(e?.message ?? '', /names source_profile "nowhere", which is not defined/);
    },
  },
  {
    id: 'missingRegion',
    fault: 'Profile without a region (extra profile "noregion")',
    reproduce: 'config: [profile noregion] with keys and no region',
    start: () =>
      fleetRun({
        files: (f, emu) => ({
          config: `${f.config}\n[profile noregion]\nendpoint_url = ${emu.url}\n`,
          credentials: `${f.credentials}\n[noregion]\naws_access_key_id = ${emu.accounts[0].accessKeyId}\naws_secret_access_key = ${emu.accounts[0].secretAccessKey}\n`,
        }),
      }),
    unreachable: [],
    expectRows: [],
    check: ({ fleet }) => {
      const p = fleet.profiles.find((e) => e.info.name === 'noregion');
      assert.ok(p, 'the profile is shown');
      // The tree shows "No region: choose regions for this profile" under it (tree.test.ts).
      assert.deepEqual(p.regions, []);
      assert.equal(p.scopes.length, 0);
    },
  },
  {
    id: 'unparsableConfig',
    fault: 'A config file the SDK refuses to read ([__proto__] section)',
    reproduce: 'config: a [__proto__] section',
    start: () =>
      fleetRun({
        files: (f) => ({ config: `${f.config}\n[__proto__]\nregion = us-east-1\n`, credentials: f.credentials }),
      }),
    unreachable: [...both(PROD), ...both(DEV)],
    expectRows: [
      new RegExp(
        `^\\(root\\): ${title('credentials')} — The AWS shared file .*config has profiles, but the AWS SDK refuses to parse it`,
      ),
    ],
    check: ({ fleet }) => {
      assert.equal(fleet.state, 'error');
      assert.match(fleet.error?.message ?? '', /has profiles, but the AWS SDK refuses to parse it/);
      assert.match(fleet.error?.hint ?? '', /the AWS SDK ignores the whole file/);
      // The tree's root shows this one error row (provider.roots); no scope is created.
      assert.equal(fleet.allScopes().length, 0);
    },
  },
];

describe('fault matrix: Fleet model over the real AWS layer (1,000 WorkSpaces)', function () {
  this.timeout(120_000);
  const results = new Map<string, { run?: FleetRun; m?: Measured; error?: unknown }>();
  const rejections: unknown[] = [];
  const onRejection = (r: unknown): void => void rejections.push(r);

  before(async () => {
    process.on('unhandledRejection', onRejection);
    // A few rows at once (each has its own emulator and layer): most of a row's time is backoff
    // waits, but emulator and clients share this process, so not all at once.
    await inBatches(SCENARIOS, 6, async (s) => {
      try {
        const run = await s.start();
        results.set(s.id, { run });
        await loadAll(run.fleet);
        results.set(s.id, { run, m: measure(run, new Set(s.unreachable)) });
      } catch (error) {
        results.set(s.id, { ...results.get(s.id), error });
      }
    });
  });

  after(async () => {
    process.off('unhandledRejection', onRejection);
    await Promise.all([...results.values()].map((r) => (r.run ? r.run.close() : Promise.resolve())));
  });

  for (const s of SCENARIOS) {
    it(`${s.fault}: every reachable WorkSpace exactly once, one error row per cut-off scope naming the cause`, () => {
      const r = results.get(s.id);
      assert.ok(r && !r.error, `the row ran: ${String(r?.error)}`);
      const { run, m } = r as { run: FleetRun; m: Measured };
      const surfaced = s.surfaced ? s.surfaced(m) : s.unreachable.length;
      const final = { ...m, retried: Math.max(0, m.faultsInjected - surfaced) };
      let passed = false;
      try {
        assert.deepEqual(
          m.missing.slice(0, 5),
          [],
          `${m.missing.length} reachable WorkSpaces missing; error rows: ${m.errorRows.join(' | ')}`,
        );
        assert.equal(m.listed, m.reachable);
        assert.equal(m.duplicates, 0);
        assert.equal(m.errorRows.length, s.expectRows.length, `error rows: ${m.errorRows.join(' | ')}`);
        const rows = [...m.errorRows];
        for (const re of s.expectRows) {
          const i = rows.findIndex((x) => re.test(x));
          assert.ok(i >= 0, `an error row matching ${re}; have: ${rows.join(' | ')}`);
          rows.splice(i, 1);
        }
        // Each cut-off scope shows exactly one row (its scope-wide failure), never one per section.
        for (const key of s.unreachable) {
          const model = run.fleet.allScopes().find((x) => x.key === key);
          if (model) assert.ok(model.fatalError, `${key} shows its failure once`);
        }
        s.check?.(run, m);
        passed = true;
      } finally {
        recordRow(row(s.id, s.fault, s.reproduce, final, passed, s.note ? { note: s.note } : {}));
      }
    });
  }

  it('let no promise rejection go unhandled', () => {
    assert.deepEqual(rejections.map(String), []);
  });
});

/** Runs `fn` on every item, at most `limit` at once. */
async function inBatches<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(limit, queue.length) }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item);
    }),
  );
}
