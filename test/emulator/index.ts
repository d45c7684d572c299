/**
 * A local emulator of the Amazon WorkSpaces API (JSON 1.1 over HTTP, SigV4-verified) for tests,
 * the sandbox and benchmarks, with CloudWatch GetMetricData, STS AssumeRole, and IAM Identity
 * Center's SSO portal and SSO OIDC (identityCenter.ts, sso.ts) on the same port. Start it in-process with startEmulator(); out-of-process users drive
 * it through `POST /__emulator/<verb>` (see control()).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { authenticate } from './auth';
import * as cloudtrail from './cloudtrail';
import * as cloudwatch from './cloudwatch';
import { ApiError } from './errors';
import {
  ACCOUNT_ACCESS_SCOPE,
  extraAccount,
  IdentityCenter,
  SsoError,
  type IdentityCenterOptions,
} from './identityCenter';
import { type Handler, OPERATIONS } from './ops';
import { Pager } from './paging';
import { AWS_QUOTA, Quotas, type QuotaOptions } from './quota';
import { applyQuirks, HTML_500, NO_QUIRKS } from './quirks';
import { createRng, type Rng } from './rng';
import { amazonBundles, planSeed, populateFleet } from './seed';
import {
  decideDevice,
  DEVICE_PAGE_PATH,
  devicePage,
  loggedOidcParams,
  portalInput,
  ssoErrorAnswer,
  ssoRoute,
  type SsoRoute,
} from './sso';
import { parseQuery, Sts, STS_SIGNING_NAME, stsErrorXml, type IssuedCredentials, type RolePrincipal } from './sts';
import type {
  Counts,
  EmulatedAccount,
  EmulatorOptions,
  FaultKind,
  FaultOptions,
  Quirks,
  RecordedRequest,
  RegionDenial,
  SeedSpec,
} from './types';
import type { WorkspaceState } from '@aws-sdk/client-workspaces';
import { type BundleData, World, type WorldConfig } from './world';
import { SYSTEM_CLOCK } from '../../src/core/clock';
import { testClock, wallMs } from '../support/clock';

export type {
  Counts,
  EmulatedAccount,
  EmulatorOptions,
  FaultKind,
  FaultOptions,
  FleetSeed,
  Quirks,
  RecordedRequest,
  RegionDenial,
  SeedSpec,
} from './types';
export { World, GONE, SNAPSHOT_INTERVAL_MS, FIRST_SNAPSHOT_MS, SNAPSHOT_AFTER_RESTORE_MS } from './world';
export type {
  WorkspaceRecord,
  PoolRecord,
  Step,
  WorldConfig,
  Modification,
  WorkspaceData,
  DirectoryData,
  BundleData,
  ImageData,
  PoolData,
} from './world';
export { IMAGE_ERROR_MESSAGES } from './seed';
export { AWS_QUOTA, type QuotaOptions } from './quota';
export { CLOUDWATCH_QUOTA, MAX_DATAPOINTS, MAX_QUERIES } from './cloudwatch';
export { usageOf, usageProfile, type Usage, type UsageProfile } from './usage';
export { NO_QUIRKS } from './quirks';
export type { IssuedCredentials, RolePrincipal } from './sts';
export {
  ADMIN_USER,
  DEVELOPER_USER,
  NEWCOMER_USER,
  PERMISSION_SETS,
  PORTAL_QUOTA,
  DEFAULT_PAGE_SIZE,
  IdentityCenter,
  type IdentityCenterOptions,
  type OrgAccount,
  type PermissionSet,
  type SsoTokenGrant,
} from './identityCenter';

/** What awsConfigFiles() adds for the Identity Center: an sso-session and profiles that use it. */
export interface SsoConfigOptions {
  /** The sso-session's name (default 'corp'); the token cache file is named after it. */
  session?: string;
  /**
   * Profiles using the session (default one, `<session>-admin`: the organisation's first account,
   * WorkSpacesAdmin; `[]` for the session alone). `region` defaults to the account's first region.
   */
  profiles?: Array<{ name: string; accountId: string; roleName: string; region?: string }>;
}

/** An AWS service the emulator answers on its one port, told apart by the X-Amz-Target prefix. */
interface Service {
  prefix: string;
  /** The SigV4 service name of the credential scope. */
  signingName: string;
  jsonType: string;
  operations: Record<string, Handler>;
  /** AWS JSON with the query-compatible error header (x-amzn-query-error). */
  queryCompatible: boolean;
}

const WORKSPACES: Service = {
  prefix: 'WorkspacesService.',
  signingName: 'workspaces',
  jsonType: 'application/x-amz-json-1.1',
  operations: OPERATIONS,
  queryCompatible: false,
};
const CLOUDWATCH: Service = {
  prefix: cloudwatch.TARGET_PREFIX,
  signingName: cloudwatch.SIGNING_NAME,
  jsonType: cloudwatch.JSON_TYPE,
  operations: cloudwatch.CLOUDWATCH_OPERATIONS,
  queryCompatible: true,
};
const CLOUDTRAIL: Service = {
  prefix: cloudtrail.TARGET_PREFIX,
  signingName: cloudtrail.SIGNING_NAME,
  jsonType: cloudtrail.JSON_TYPE,
  operations: cloudtrail.CLOUDTRAIL_OPERATIONS,
  queryCompatible: false,
};
const SERVICES: readonly Service[] = [WORKSPACES, CLOUDWATCH, CLOUDTRAIL];
/** Faults that let the operation run before spoiling its answer. */
const AFTER_APPLY: ReadonlySet<FaultKind> = new Set<FaultKind>(['lostResponse', 'garbledResponse']);
/** Reads: the rate-based lost / garbled answers leave them alone unless `operations` names them. */
const READ_OP = /^(Describe|Get|List|Lookup)/;

const FAULT_KINDS: readonly FaultKind[] = [
  'throttle',
  'internal',
  'unavailable',
  'html',
  'truncated',
  'hang',
  'accessDenied',
  'expiredToken',
  'lostResponse',
  'garbledResponse',
];

export interface Emulator {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  readonly accounts: EmulatedAccount[];
  stop(): Promise<void>;
  /** Re-seeds every world (default: the current seed); keeps faults, latency, counters. */
  reset(seed?: SeedSpec): void;
  setFaults(f: Partial<FaultOptions>): void;
  /** The next `count` (default 1) requests of `op` ('*' = any operation) get `fault`. */
  failNext(op: string, fault: FaultKind, count?: number): void;
  setLatency(ms: number, jitterMs?: number): void;
  setTransitionMs(ms: number): void;
  /** Changes the quota of every account and region; `{ rate: 0 }` (or false) turns it off. */
  setQuota(q: QuotaOptions | false): void;
  /** The quota in force (rate 0 = off). */
  quota(): QuotaOptions;
  /** Changes CloudWatch's GetMetricData quota (its own bucket per account and region). */
  setCloudwatchQuota(q: QuotaOptions | false): void;
  cloudwatchQuota(): QuotaOptions;
  /** Eventual consistency: how long (emulated ms) a new WorkSpace stays invisible; 0 = at once. */
  setVisibilityDelay(ms: number): void;
  visibilityDelay(): number;
  /** Other endpoints' quirks (merged into the current ones). */
  setQuirks(q: Partial<Quirks>): void;
  quirks(): Quirks;
  /** Moves the emulated clock forward (timed transitions, connection times); SigV4 keeps real time. */
  advanceTime(ms: number): void;
  counts(): Counts;
  resetCounts(): void;
  /** How many times the WorkSpace (or pool) was actually acted on, by one op or all. */
  actionCount(resourceId: string, op?: string): number;
  /** Recent requests, oldest first. */
  requests(): RecordedRequest[];
  /** The most requests of `op` that were in flight at once since the last resetCounts(). */
  peakInFlight(op: string): number;
  /**
   * New temporary credentials (ASIA…, session token, expiration) of an account (id, profile or
   * access key), as STS or a token refresher hands them out: accepted by every service until they
   * expire (emulated clock), the account's other keys staying valid.
   */
  issueCredentials(account: string, durationSeconds?: number): IssuedCredentials;
  /** Direct, typed access to the state of an account (id, profile or access key) in a region. */
  world(account: string, region: string): World;
  /**
   * Shared config/credentials text: one profile per account of the seed (region = its first
   * region). With `sso`, the config also has an `[sso-session]` of the Identity Center
   * (sso_start_url, sso_region, sso_registration_scopes = sso:account:access), profiles that use it
   * (sso_account_id, sso_role_name, endpoint_url) and a `[services]` section naming the emulator as
   * the sso and sso_oidc endpoints (read by the SDK only for the AWS_PROFILE or default profile:
   * identityCenter.endpointEnv() gives the environment variables that work for every profile).
   */
  awsConfigFiles(opts?: { endpointUrl?: string; sso?: boolean | SsoConfigOptions }): {
    config: string;
    credentials: string;
  };
  /**
   * The IAM Identity Center: the organisation's accounts (the seed's and `identityCenter.accounts`
   * more), users, permission sets, assignments, tokens and the device flow (see identityCenter.ts).
   */
  readonly identityCenter: IdentityCenter;
  /** The account of an id, profile name or access key id. */
  account(idOrKey: string): EmulatedAccount;
}

const DEFAULT_FAULTS: FaultOptions = {
  throttleRate: 0,
  errorRate: 0,
  htmlRate: 0,
  truncatedRate: 0,
  hangRate: 0,
  lostResponseRate: 0,
  garbledResponseRate: 0,
  accessDeniedRegions: [],
  expiredKeys: [],
  cloudwatchDenied: [],
  cloudtrailDenied: [],
};

/**
 * The eventual consistency of `npm run emulator` and `npm run sandbox` (startEmulator's default is 0
 * so tests keep their meaning): long enough to be seen, as AWS's own delay is.
 */
export const INTERACTIVE_VISIBILITY_DELAY_MS = 15_000;

/** One line saying how AWS-like a running emulator is: its quota and its eventual consistency. */
export function realism(emu: Emulator, opts: { flags?: boolean } = {}): string {
  const quota = emu.quota();
  const delay = emu.visibilityDelay();
  const q =
    quota.rate > 0
      ? `API quota ${quota.rate} calls/s, burst ${quota.burst}, per account and region, as AWS documents it${opts.flags ? ' (--rate 0 turns it off)' : ''}`
      : 'API quota off';
  const v =
    delay > 0
      ? `new WorkSpaces invisible to Describe for ${delay / 1000} s, as AWS's are at first${opts.flags ? ' (--visibility-delay 0 turns it off)' : ''}`
      : 'new WorkSpaces visible at once';
  return `${q}; ${v}.`;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const emu = new EmulatorImpl(opts);
  await emu.listen(opts.port ?? 0);
  return emu;
}

class EmulatorImpl implements Emulator {
  url = '';
  port = 0;
  accounts: EmulatedAccount[] = [];
  private seed: SeedSpec;
  private readonly rngSeed: number;
  private faults: FaultOptions;
  private faultRng: Rng;
  private latencyRng: Rng;
  private latencyMs: number;
  private jitterMs: number;
  private readonly config: WorldConfig;
  private readonly worlds = new Map<string, World>();
  private readonly pager = new Pager();
  private readonly amazon: readonly BundleData[] = amazonBundles();
  private readonly queue = new Map<string, FaultKind[]>();
  private byOp: Record<string, number> = {};
  private total = 0;
  private throttled = 0;
  private throttledByOp: Record<string, number> = {};
  private readonly quotas: Quotas;
  private readonly cloudwatchQuotas: Quotas;
  private readonly cloudtrailQuotas: Quotas;
  private quirkSet: Quirks;
  private actions = new Map<string, Map<string, number>>();
  private log: RecordedRequest[] = [];
  private readonly sts = new Sts();
  readonly identityCenter: IdentityCenter;
  private readonly icOptions: IdentityCenterOptions;
  /** The organisation's accounts beyond the seed's (identityCenter.accounts). */
  private extraAccounts: EmulatedAccount[] = [];
  private inFlight = new Map<string, number>();
  private peaks = new Map<string, number>();
  private readonly logSize: number;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly hung = new Set<ServerResponse>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  private clockOffset = 0;

  constructor(opts: EmulatorOptions) {
    const clock = opts.clock ?? testClock();
    this.seed = opts.seed ?? 'demo';
    this.rngSeed = opts.rngSeed ?? 1;
    this.faults = { ...DEFAULT_FAULTS, ...opts.faults };
    this.faultRng = createRng(`faults/${this.rngSeed}`);
    this.latencyRng = createRng(`latency/${this.rngSeed}`);
    this.latencyMs = opts.latencyMs ?? 0;
    this.jitterMs = opts.jitterMs ?? 0;
    this.logSize = opts.requestLogSize ?? 2000;
    this.config = {
      transitionMs: opts.transitionMs ?? 3000,
      visibilityDelayMs: opts.visibilityDelayMs ?? 0,
      now: () => clock.now() + this.clockOffset,
    };
    this.quotas = new Quotas(quotaOf(opts.quota));
    this.cloudwatchQuotas = new Quotas(quotaOf(opts.cloudwatchQuota, cloudwatch.CLOUDWATCH_QUOTA));
    // LookupEvents' own 2/s, off with the WorkSpaces quota (`quota: false`, as the tests pass).
    this.cloudtrailQuotas = new Quotas(quotaOf(opts.quota === false ? false : undefined, cloudtrail.CLOUDTRAIL_QUOTA));
    this.quirkSet = { ...NO_QUIRKS, ...opts.quirks };
    this.icOptions = opts.identityCenter ?? {};
    this.identityCenter = new IdentityCenter(
      this.icOptions,
      () => this.url,
      (accountId, seconds, principal) => this.sts.issue(accountId, SYSTEM_CLOCK.now(), seconds, principal),
    );
    this.reset(this.seed);
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 30_000;
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.port = (this.server.address() as AddressInfo).port;
        this.url = `http://127.0.0.1:${this.port}`;
        resolve();
      });
    });
  }

  async stop(): Promise<void> {
    if (this.stopped) {
      return;
    }
    this.stopped = true;
    for (const t of this.timers) {
      clearTimeout(t);
    }
    this.timers.clear();
    for (const res of this.hung) {
      res.destroy();
    }
    this.hung.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    for (const s of this.sockets) {
      s.destroy();
    }
    await closed;
  }

  reset(seed?: SeedSpec): void {
    if (seed !== undefined) {
      this.seed = seed;
    }
    const plan = planSeed(this.seed, this.rngSeed);
    this.quotas.clear();
    this.cloudwatchQuotas.clear();
    this.cloudtrailQuotas.clear();
    // Keep the array identity stable for holders of `accounts`.
    this.accounts.splice(0, this.accounts.length, ...plan.accounts);
    this.worlds.clear();
    for (const account of this.accounts) {
      for (const region of account.regions) {
        plan.populate(this.world(account.accountId, region), account);
      }
    }
    this.seedOrganisation();
  }

  /** The Identity Center's extra accounts (the first ones with WorkSpaces) and its default assignments. */
  private seedOrganisation(): void {
    const o = this.icOptions;
    const n = Math.max(0, o.accounts ?? 0);
    const regions = o.regions ?? ['us-east-1'];
    this.extraAccounts = Array.from({ length: n }, (_, i) => extraAccount(i, regions, this.rngSeed));
    const withWorkspaces = Math.min(n, o.withWorkspaces ?? Math.ceil(n / 10));
    const workspaces = o.workspaces ?? 8;
    for (const account of this.extraAccounts.slice(0, withWorkspaces)) {
      for (const region of regions.slice(0, o.workspacesRegions ?? regions.length)) {
        populateFleet(
          this.world(account.accountId, region),
          { kind: 'fleet', workspaces, directories: 2, pools: 1 },
          this.rngSeed,
        );
      }
    }
    this.identityCenter.setOrganisation([...this.accounts, ...this.extraAccounts]);
    this.identityCenter.refillQuota();
  }

  setFaults(f: Partial<FaultOptions>): void {
    this.faults = { ...this.faults, ...f };
  }

  failNext(op: string, fault: FaultKind, count = 1): void {
    if (!FAULT_KINDS.includes(fault)) {
      throw new Error(`unknown fault '${fault}'`);
    }
    const q = this.queue.get(op) ?? [];
    for (let i = 0; i < count; i++) {
      q.push(fault);
    }
    this.queue.set(op, q);
  }

  setLatency(ms: number, jitterMs = 0): void {
    this.latencyMs = ms;
    this.jitterMs = jitterMs;
  }

  setTransitionMs(ms: number): void {
    this.config.transitionMs = ms;
  }

  setQuota(q: QuotaOptions | false): void {
    this.quotas.set(quotaOf(q));
  }

  quota(): QuotaOptions {
    return this.quotas.options;
  }

  setCloudwatchQuota(q: QuotaOptions | false): void {
    this.cloudwatchQuotas.set(quotaOf(q, cloudwatch.CLOUDWATCH_QUOTA));
  }

  cloudwatchQuota(): QuotaOptions {
    return this.cloudwatchQuotas.options;
  }

  setVisibilityDelay(ms: number): void {
    this.config.visibilityDelayMs = Math.max(0, ms);
  }

  visibilityDelay(): number {
    return this.config.visibilityDelayMs;
  }

  setQuirks(q: Partial<Quirks>): void {
    this.quirkSet = { ...this.quirkSet, ...q };
  }

  quirks(): Quirks {
    return { ...this.quirkSet, unsupportedOperations: [...this.quirkSet.unsupportedOperations] };
  }

  advanceTime(ms: number): void {
    this.clockOffset += ms;
  }

  counts(): Counts {
    return {
      total: this.total,
      byOp: { ...this.byOp },
      throttled: this.throttled,
      throttledByOp: { ...this.throttledByOp },
    };
  }

  resetCounts(): void {
    this.total = 0;
    this.byOp = {};
    this.throttled = 0;
    this.throttledByOp = {};
    this.actions = new Map();
    this.log = [];
    this.peaks = new Map();
  }

  peakInFlight(op: string): number {
    return this.peaks.get(op) ?? 0;
  }

  issueCredentials(account: string, durationSeconds?: number): IssuedCredentials {
    // Credentials expire in real time, as SigV4 signs in it: the SDK judges expiry by the wall clock.
    return this.sts.issue(this.account(account).accountId, SYSTEM_CLOCK.now(), durationSeconds);
  }

  /** Counts a request of `op` in flight (peakInFlight); the returned function ends it. */
  private enter(op: string): () => void {
    const n = (this.inFlight.get(op) ?? 0) + 1;
    this.inFlight.set(op, n);
    if (n > (this.peaks.get(op) ?? 0)) this.peaks.set(op, n);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.inFlight.set(op, (this.inFlight.get(op) ?? 1) - 1);
    };
  }

  /** The account of any key the emulator knows: an account's own, or temporary ones it issued. */
  private findKey(accessKeyId: string): EmulatedAccount | undefined {
    const all = this.allAccounts();
    return all.find((a) => a.accessKeyId === accessKeyId) ?? this.sts.find(accessKeyId, all);
  }

  /** The seed's accounts and the organisation's extra ones. */
  private allAccounts(): EmulatedAccount[] {
    return this.extraAccounts.length === 0 ? this.accounts : [...this.accounts, ...this.extraAccounts];
  }

  /** STS (query protocol: POST / with a form body naming the Action): AssumeRole. */
  private async handleSts(req: IncomingMessage, res: ServerResponse, body: string, requestId: string): Promise<void> {
    const params = parseQuery(body);
    const op = params.Action ?? '';
    const record: RecordedRequest = { time: wallMs(), op, params: { ...params }, status: 200 };
    this.total++;
    this.byOp[op] = (this.byOp[op] ?? 0) + 1;
    this.log.push(record);
    const leave = this.enter(op);
    try {
      let auth;
      try {
        auth = await authenticate(
          { method: req.method ?? 'POST', path: req.url ?? '/', headers: req.headers, body },
          (key) => this.findKey(key),
          SYSTEM_CLOCK.now(),
          STS_SIGNING_NAME,
        );
      } catch (e) {
        // STS names an unknown key InvalidClientTokenId.
        if (e instanceof ApiError && e.code === 'UnrecognizedClientException') {
          throw new ApiError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
        }
        throw e;
      }
      record.accountId = auth.account.accountId;
      record.accessKeyId = auth.accessKeyId;
      record.region = auth.region;
      if (this.sts.expired(auth.accessKeyId, SYSTEM_CLOCK.now())) {
        throw new ApiError('ExpiredToken', 'The security token included in the request is expired', 403);
      }
      if (op !== 'AssumeRole') {
        throw new ApiError('InvalidAction', `Could not find operation ${op} for version ${params.Version ?? ''}`);
      }
      await this.delay();
      const xml = this.sts.assumeRole(params, auth.account, this.accounts, SYSTEM_CLOCK.now(), requestId);
      this.send(res, 200, 'text/xml', xml);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError('InternalFailure', 'An internal error occurred.', 500);
      record.status = err.status;
      record.errorCode = err.code;
      this.send(res, err.status, 'text/xml', stsErrorXml(err, requestId));
    } finally {
      leave();
    }
  }

  actionCount(resourceId: string, op?: string): number {
    const m = this.actions.get(resourceId);
    if (!m) {
      return 0;
    }
    return op ? (m.get(op) ?? 0) : [...m.values()].reduce((a, b) => a + b, 0);
  }

  requests(): RecordedRequest[] {
    return this.log.map((r) => ({ ...r }));
  }

  account(idOrKey: string): EmulatedAccount {
    const a = this.allAccounts().find(
      (x) => x.accountId === idOrKey || x.accessKeyId === idOrKey || x.profile === idOrKey,
    );
    if (!a) {
      throw new Error(`unknown account '${idOrKey}'`);
    }
    return a;
  }

  world(account: string, region: string): World {
    const accountId = this.account(account).accountId;
    const key = `${accountId}/${region}`;
    let w = this.worlds.get(key);
    if (!w) {
      w = new World(accountId, region, this.config, this.amazon, this.rngSeed);
      this.worlds.set(key, w);
    }
    return w;
  }

  awsConfigFiles(opts: { endpointUrl?: string; sso?: boolean | SsoConfigOptions } = {}): {
    config: string;
    credentials: string;
  } {
    const endpoint = opts.endpointUrl ?? this.url;
    const sso = opts.sso ? `\n${this.ssoConfig(endpoint, opts.sso === true ? {} : opts.sso)}` : '';
    const config = this.accounts
      .map(
        (a) =>
          `[profile ${a.profile}]\nregion = ${a.regions[0] ?? 'us-east-1'}\nendpoint_url = ${endpoint}\noutput = json\n`,
      )
      .join('\n');
    const credentials = this.accounts
      .map(
        (a) =>
          `[${a.profile}]\naws_access_key_id = ${a.accessKeyId}\naws_secret_access_key = ${a.secretAccessKey}\n${a.sessionToken ? `aws_session_token = ${a.sessionToken}\n` : ''}`,
      )
      .join('\n');
    return { config: config + sso, credentials };
  }

  private ssoConfig(endpoint: string, o: SsoConfigOptions): string {
    const ic = this.identityCenter;
    const session = o.session ?? 'corp';
    const services = `${session}-emulator`;
    const first = ic.accounts()[0];
    const profiles = o.profiles ?? [
      { name: `${session}-admin`, accountId: first.accountId, roleName: 'WorkSpacesAdmin' },
    ];
    const lines = [
      `[sso-session ${session}]`,
      `sso_start_url = ${ic.startUrl}`,
      `sso_region = ${ic.region}`,
      `sso_registration_scopes = ${ACCOUNT_ACCESS_SCOPE}`,
      '',
    ];
    for (const p of profiles) {
      lines.push(
        `[profile ${p.name}]`,
        `sso_session = ${session}`,
        `sso_account_id = ${p.accountId}`,
        `sso_role_name = ${p.roleName}`,
        `region = ${p.region ?? this.account(p.accountId).regions[0] ?? 'us-east-1'}`,
        `endpoint_url = ${endpoint}`,
        `services = ${services}`,
        '',
      );
    }
    if (profiles.length === 0) return lines.join('\n');
    lines.push(
      `[services ${services}]`,
      'sso =',
      `  endpoint_url = ${endpoint}`,
      'sso_oidc =',
      `  endpoint_url = ${endpoint}`,
      '',
    );
    return lines.join('\n');
  }

  // -------------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    res.setHeader('x-amzn-RequestId', requestId);
    let body: string;
    try {
      body = await readBody(req);
    } catch {
      res.destroy();
      return;
    }
    const path = (req.url ?? '/').split('?')[0];
    const sso = ssoRoute(path);
    if (sso) {
      await this.handleSso(req, res, sso, body);
      return;
    }
    if (path === DEVICE_PAGE_PATH) {
      this.handleDevicePage(req, res, body);
      return;
    }
    if (path.startsWith('/__emulator/')) {
      this.control(req, res, path.slice('/__emulator/'.length), body);
      return;
    }
    const target = header(req, 'x-amz-target');
    if (
      !target &&
      req.method === 'POST' &&
      path === '/' &&
      /x-www-form-urlencoded/i.test(header(req, 'content-type') ?? '')
    ) {
      await this.handleSts(req, res, body, requestId);
      return;
    }
    const service = target === undefined ? undefined : SERVICES.find((x) => target.startsWith(x.prefix));
    const svc = service ?? WORKSPACES;
    if (req.method !== 'POST' || path !== '/' || !target) {
      this.sendError(res, new ApiError('UnknownOperationException', '', 404), svc);
      return;
    }
    const op = service ? target.slice(svc.prefix.length) : target;
    const record: RecordedRequest = {
      time: wallMs(),
      op,
      params: {},
      status: 200,
      userAgent: header(req, 'user-agent'),
    };
    this.record(record);
    const leave = this.enter(op);
    res.once('close', leave);
    try {
      let params: Record<string, unknown>;
      try {
        params = body.trim() === '' ? {} : (JSON.parse(body) as Record<string, unknown>);
      } catch {
        params = {};
        record.params = {};
        throw new ApiError('SerializationException', 'Start of structure or map found where not expected.');
      }
      if (typeof params !== 'object' || params === null || Array.isArray(params)) {
        throw new ApiError('SerializationException', 'Start of structure or map found where not expected.');
      }
      record.params = params;
      const auth = await authenticate(
        { method: req.method, path: req.url ?? '/', headers: req.headers, body },
        (key) => this.findKey(key),
        // SigV4 keeps real time: the SDK signs with the wall clock.
        SYSTEM_CLOCK.now(),
        svc.signingName,
      );
      record.accountId = auth.account.accountId;
      record.accessKeyId = auth.accessKeyId;
      record.region = auth.region;
      if (this.sts.expired(auth.accessKeyId, SYSTEM_CLOCK.now())) {
        throw new ApiError('ExpiredTokenException', 'The security token included in the request is expired', 400);
      }
      if (!service || !(op in svc.operations)) {
        throw new ApiError('UnknownOperationException', '');
      }
      // An endpoint that lacks the operation answers before any service logic (quota included).
      if (this.quirkSet.unsupportedOperations.includes(op)) {
        record.fault = 'unsupported';
        record.status = 500;
        await this.delay();
        this.send(res, 500, 'text/html', HTML_500);
        return;
      }
      // The account's quota comes before anything else the service does with the call.
      const quotas =
        svc === CLOUDWATCH ? this.cloudwatchQuotas : svc === CLOUDTRAIL ? this.cloudtrailQuotas : this.quotas;
      if (!quotas.take(auth.account.accountId, auth.region)) {
        record.fault = 'quota';
        this.countThrottled(op);
        await this.delay();
        throw new ApiError('ThrottlingException', 'Rate exceeded', 400);
      }
      // Credentials of an Identity Center role do what its permission set allows.
      const principal = this.sts.principal(auth.accessKeyId);
      if (principal && !(principal.access === 'full' || (principal.access === 'read' && READ_OP.test(op)))) {
        throw roleDenied(
          svc.signingName === 'monitoring' ? 'cloudwatch' : svc.signingName,
          auth.account.accountId,
          principal,
          op,
        );
      }
      const fault = this.pickFault(op, svc, auth.accessKeyId, auth.account.accountId, auth.region);
      await this.delay();
      if (this.stopped) {
        res.destroy();
        return;
      }
      if (fault && !AFTER_APPLY.has(fault)) {
        record.fault = fault;
        this.sendFault(res, fault, record, svc);
        return;
      }
      const world = this.world(auth.account.accountId, auth.region);
      const now = this.config.now();
      world.settle(now);
      const result = svc.operations[op](
        {
          op,
          world,
          account: auth.account,
          region: auth.region,
          now,
          pager: this.pager,
          rngSeed: this.rngSeed,
          acted: (id) => this.countAction(id, op),
        },
        params,
      );
      if (svc === WORKSPACES) {
        // What CloudTrail records of the change (cloudtrail.ts): the caller as IAM names it.
        cloudtrail.recordCall(world, {
          op,
          params,
          user: principal?.user ?? auth.account.profile,
          accessKeyId: auth.accessKeyId,
          accountId: auth.account.accountId,
          region: auth.region,
          now,
        });
      }
      const answer = serialize(svc === WORKSPACES ? applyQuirks(this.quirkSet, result) : result);
      if (fault === 'lostResponse') {
        // Applied, then the connection goes away without a byte of answer.
        record.fault = fault;
        record.status = 0;
        res.socket?.destroy();
        res.destroy();
        return;
      }
      if (fault === 'garbledResponse') {
        record.fault = fault;
        this.send(res, 200, svc.jsonType, answer.slice(0, Math.max(1, Math.floor(answer.length / 2))));
        return;
      }
      this.send(res, 200, svc.jsonType, answer);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError('InternalFailure', 'An internal error occurred.', 500);
      if (!(e instanceof ApiError)) {
        console.error('[workspaces-emulator] internal error', e);
      }
      record.status = err.status;
      record.errorCode = err.code;
      this.sendError(res, err, svc);
    }
  }

  /** Counts a request and keeps it in the request log (a ring of logSize). */
  private record(record: RecordedRequest): void {
    this.total++;
    this.byOp[record.op] = (this.byOp[record.op] ?? 0) + 1;
    this.log.push(record);
    if (this.log.length > this.logSize) {
      this.log.splice(0, this.log.length - this.logSize);
    }
  }

  private countThrottled(op: string): void {
    this.throttled++;
    this.throttledByOp[op] = (this.throttledByOp[op] ?? 0) + 1;
  }

  /**
   * The SSO portal and SSO OIDC (rest-json; identityCenter.ts, sso.ts). The portal: the bearer
   * token, then the user's quota (TooManyRequestsException 429), then the operation. Faults queued
   * with failNext(op) apply (never those of '*', nor the rate-based ones of setFaults).
   */
  private async handleSso(req: IncomingMessage, res: ServerResponse, route: SsoRoute, body: string): Promise<void> {
    const ic = this.identityCenter;
    const op = route.op;
    const record: RecordedRequest = {
      time: wallMs(),
      op,
      params: {},
      status: 200,
      userAgent: header(req, 'user-agent'),
    };
    this.record(record);
    const leave = this.enter(op);
    res.once('close', leave);
    try {
      if (req.method !== route.method) {
        throw new SsoError('MethodNotAllowedException', 'Method Not Allowed', 405, 'invalid_request');
      }
      let run: () => Record<string, unknown> | undefined;
      if (route.service === 'portal') {
        const input = portalInput(new URL(req.url ?? '/', 'http://emulator').searchParams);
        record.params = { ...input };
        if (input.accountId !== undefined) record.accountId = input.accountId;
        const token = header(req, 'x-amz-sso_bearer_token');
        const user = ic.authorize(token);
        record.user = user;
        if (!ic.take(user)) {
          record.fault = 'quota';
          this.countThrottled(op);
          await this.delay();
          // The message AWS's 429 carries (granted #458, #811).
          throw new SsoError('TooManyRequestsException', 'HTTP 429 Unknown Code', 429);
        }
        run = () => {
          switch (op) {
            case 'ListAccounts':
              return ic.listAccounts(user, input);
            case 'ListAccountRoles':
              return ic.listAccountRoles(user, input);
            case 'GetRoleCredentials':
              return ic.getRoleCredentials(user, input);
            default:
              ic.logout(token);
              return undefined;
          }
        };
      } else {
        const params = oidcBody(body);
        record.params = loggedOidcParams(params);
        run = () =>
          op === 'RegisterClient'
            ? ic.registerClient(params)
            : op === 'StartDeviceAuthorization'
              ? ic.startDeviceAuthorization(params)
              : ic.createToken(params);
      }
      const fault = this.queuedFault(op);
      await this.delay();
      if (this.stopped) {
        res.destroy();
        return;
      }
      if (fault && !AFTER_APPLY.has(fault)) {
        record.fault = fault;
        this.sendSsoFault(res, route, fault, record);
        return;
      }
      const result = run();
      const answer = result === undefined ? '' : JSON.stringify(result);
      if (fault === 'lostResponse') {
        record.fault = fault;
        record.status = 0;
        res.socket?.destroy();
        res.destroy();
        return;
      }
      if (fault === 'garbledResponse') {
        record.fault = fault;
        this.send(res, 200, 'application/json', answer.slice(0, Math.max(1, Math.floor(answer.length / 2))));
        return;
      }
      this.send(res, 200, 'application/json', answer);
    } catch (e) {
      const err =
        e instanceof SsoError
          ? e
          : new SsoError('InternalServerException', 'An internal error occurred.', 500, 'server_error');
      if (!(e instanceof SsoError)) {
        console.error('[workspaces-emulator] internal error', e);
      }
      this.sendSsoError(res, route, err, record);
    }
  }

  private sendSsoError(res: ServerResponse, route: SsoRoute, err: SsoError, record: RecordedRequest): void {
    record.status = err.status;
    record.errorCode = err.code;
    const a = ssoErrorAnswer(route.service, err);
    this.send(res, a.status, 'application/json', a.body, a.headers);
  }

  /** A fault queued for exactly this operation (failNext(op)); '*' is the WorkSpaces API's. */
  private queuedFault(op: string): FaultKind | undefined {
    const q = this.queue.get(op);
    const fault = q?.shift();
    if (q && q.length === 0) this.queue.delete(op);
    return fault;
  }

  private sendSsoFault(res: ServerResponse, route: SsoRoute, fault: FaultKind, record: RecordedRequest): void {
    const portal = route.service === 'portal';
    const fail = (code: string, message: string, status: number, oauth: string): void =>
      this.sendSsoError(res, route, new SsoError(code, message, status, oauth), record);
    switch (fault) {
      case 'throttle':
        return portal
          ? fail('TooManyRequestsException', 'HTTP 429 Unknown Code', 429, '')
          : fail('SlowDownException', 'Client is polling too quickly', 400, 'slow_down');
      case 'internal':
        return fail('InternalServerException', 'An internal error occurred.', 500, 'server_error');
      case 'unavailable':
        return fail('ServiceUnavailableException', 'Service is unable to handle request.', 503, 'server_error');
      case 'accessDenied':
        return portal
          ? fail('ForbiddenException', 'No access', 403, '')
          : fail('AccessDeniedException', 'Access denied', 400, 'access_denied');
      case 'expiredToken':
        return portal
          ? fail('UnauthorizedException', 'Session token not found or invalid', 401, '')
          : fail('ExpiredTokenException', 'Token has expired', 400, 'expired_token');
      case 'html':
        record.status = 500;
        this.send(res, 500, 'text/html', HTML_500);
        return;
      case 'truncated':
        this.send(res, 200, 'application/json', portal ? '{"accountList":[{"accountId":"' : '{"accessToken":"aoa');
        return;
      case 'hang':
        record.status = 0;
        this.hung.add(res);
        res.on('close', () => this.hung.delete(res));
        return;
      case 'lostResponse':
      case 'garbledResponse':
        return; // handled after the operation ran
    }
  }

  /** The device flow's approval page: GET shows it, its form POSTs Approve or Deny. */
  private handleDevicePage(req: IncomingMessage, res: ServerResponse, body: string): void {
    const headers = {
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    };
    const type = 'text/html; charset=utf-8';
    if (req.method === 'GET') {
      const code = new URL(req.url ?? '/', 'http://emulator').searchParams.get('user_code') ?? undefined;
      this.send(res, 200, type, devicePage(this.identityCenter, code), headers);
      return;
    }
    if (req.method === 'POST') {
      const out = decideDevice(this.identityCenter, new URLSearchParams(body));
      this.send(res, out.status, type, devicePage(this.identityCenter, undefined, out.text), headers);
      return;
    }
    this.send(res, 405, 'text/plain', 'Method Not Allowed');
  }

  /** Whether a fault's account (id, profile or access key id; undefined = all) is this caller's. */
  private isAccount(spec: string | undefined, accountId: string, accessKeyId: string): boolean {
    return (
      spec === undefined ||
      spec === accountId ||
      spec === accessKeyId ||
      this.accounts.find((a) => a.profile === spec)?.accountId === accountId
    );
  }

  private pickFault(
    op: string,
    svc: Service,
    accessKeyId: string,
    accountId: string,
    region: string,
  ): FaultKind | undefined {
    const f = this.faults;
    if (f.expiredKeys.includes(accessKeyId)) {
      return 'expiredToken';
    }
    const denied = f.accessDeniedRegions.some((d: string | RegionDenial) =>
      typeof d === 'string' ? d === region : d.region === region && this.isAccount(d.account, accountId, accessKeyId),
    );
    if (denied) {
      return 'accessDenied';
    }
    if (svc === CLOUDWATCH && f.cloudwatchDenied.some((a) => this.isAccount(a, accountId, accessKeyId))) {
      return 'accessDenied';
    }
    if (svc === CLOUDTRAIL && f.cloudtrailDenied.some((a) => this.isAccount(a, accountId, accessKeyId))) {
      return 'accessDenied';
    }
    for (const key of [op, '*']) {
      const q = this.queue.get(key);
      if (q && q.length > 0) {
        const fault = q.shift()!;
        if (q.length === 0) {
          this.queue.delete(key);
        }
        return fault;
      }
    }
    if (f.operations && !f.operations.includes(op)) {
      return undefined;
    }
    const r = this.faultRng;
    if (f.throttleRate > 0 && r.next() < f.throttleRate) {
      return 'throttle';
    }
    if (f.errorRate > 0 && r.next() < f.errorRate) {
      return r.next() < 0.5 ? 'internal' : 'unavailable';
    }
    if (f.htmlRate > 0 && r.next() < f.htmlRate) {
      return 'html';
    }
    if (f.truncatedRate > 0 && r.next() < f.truncatedRate) {
      return 'truncated';
    }
    if (f.hangRate > 0 && r.next() < f.hangRate) {
      return 'hang';
    }
    if (f.operations || !READ_OP.test(op)) {
      if (f.lostResponseRate > 0 && r.next() < f.lostResponseRate) {
        return 'lostResponse';
      }
      if (f.garbledResponseRate > 0 && r.next() < f.garbledResponseRate) {
        return 'garbledResponse';
      }
    }
    return undefined;
  }

  private sendFault(res: ServerResponse, fault: FaultKind, record: RecordedRequest, svc: Service): void {
    const fail = (err: ApiError): void => {
      record.status = err.status;
      record.errorCode = err.code;
      this.sendError(res, err, svc);
    };
    switch (fault) {
      case 'throttle':
        return fail(new ApiError('ThrottlingException', 'Rate exceeded', 400));
      case 'internal':
        return fail(
          new ApiError(
            'InternalFailure',
            'The request processing has failed because of an unknown error, exception or failure.',
            500,
          ),
        );
      case 'unavailable':
        return fail(new ApiError('ServiceUnavailable', 'Service is unable to handle request.', 503));
      case 'accessDenied':
        if (svc === CLOUDWATCH) {
          return fail(cloudwatch.accessDenied(record.accountId, record.op));
        }
        if (svc === CLOUDTRAIL) {
          return fail(
            new ApiError(
              'AccessDeniedException',
              `User: arn:aws:iam::${record.accountId}:user/emulator is not authorized to perform: cloudtrail:${record.op} because no identity-based policy allows the cloudtrail:${record.op} action`,
              400,
            ),
          );
        }
        return fail(
          new ApiError(
            'AccessDeniedException',
            `User: arn:aws:iam::${record.accountId}:user/emulator is not authorized to perform: workspaces:${record.op} in region ${record.region}`,
            400,
          ),
        );
      case 'expiredToken':
        return fail(
          new ApiError('ExpiredTokenException', 'The security token included in the request is expired', 400),
        );
      case 'html':
        record.status = 500;
        this.send(res, 500, 'text/html', HTML_500);
        return;
      case 'truncated':
        this.send(
          res,
          200,
          svc.jsonType,
          svc === CLOUDWATCH ? '{"MetricDataResults":[{"Id":"m' : '{"Workspaces":[{"WorkspaceId":"ws-',
        );
        return;
      case 'hang':
        record.status = 0;
        this.hung.add(res);
        res.on('close', () => this.hung.delete(res));
        return;
      case 'lostResponse':
      case 'garbledResponse':
        return; // handled after the operation ran
    }
  }

  private delay(): Promise<void> {
    const ms = this.latencyMs + (this.jitterMs > 0 ? this.latencyRng.next() * this.jitterMs : 0);
    if (ms <= 0) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  private countAction(id: string, op: string): void {
    let m = this.actions.get(id);
    if (!m) {
      m = new Map();
      this.actions.set(id, m);
    }
    m.set(op, (m.get(op) ?? 0) + 1);
  }

  private send(
    res: ServerResponse,
    status: number,
    type: string,
    body: string,
    headers: Record<string, string> = {},
  ): void {
    if (res.destroyed) {
      return;
    }
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...headers });
    res.end(body);
  }

  private sendError(res: ServerResponse, err: ApiError, svc: Service): void {
    this.send(
      res,
      err.status,
      svc.jsonType,
      JSON.stringify({ __type: err.code, message: err.message, ...err.extra }),
      svc.queryCompatible ? { 'x-amzn-query-error': cloudwatch.queryError(err) } : {},
    );
  }

  /**
   * Control endpoint for out-of-process users: POST /__emulator/<verb> with a JSON body. Loopback only.
   * Verbs: reset {seed?}, setFaults {...FaultOptions}, failNext {op, fault, count?}, setLatency {ms, jitterMs?},
   * setTransitionMs {ms}, setQuota {rate, burst} (rate 0 = off), quota, setCloudwatchQuota {rate, burst},
   * setVisibilityDelay {ms}, setQuirks {...Quirks}, advanceTime {ms}, counts, resetCounts, requests, actionCount {id, op?}, accounts,
   * awsConfigFiles {endpointUrl?, sso?}, ssoApprove {userCode, user?}, ssoDeny {userCode},
   * ssoIssueToken {user?, expiresInMs?}, ssoExpireToken {token}, ssoAccounts, setState {account, region, id, state, then?, afterMs?},
   * setConnection {account, region, id, state, lastConnected?}, fixImage {account, region, id}.
   */
  private control(req: IncomingMessage, res: ServerResponse, verb: string, body: string): void {
    const remote = req.socket.remoteAddress ?? '';
    if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(remote)) {
      this.send(res, 403, 'application/json', '{"error":"loopback only"}');
      return;
    }
    let a: Record<string, unknown>;
    try {
      a = body.trim() === '' ? {} : (JSON.parse(body) as Record<string, unknown>);
    } catch {
      this.send(res, 400, 'application/json', '{"error":"invalid JSON"}');
      return;
    }
    try {
      let out: unknown = { ok: true };
      switch (verb) {
        case 'reset':
          this.reset(a.seed as SeedSpec | undefined);
          out = { ok: true, accounts: this.accounts };
          break;
        case 'setFaults':
          this.setFaults(a);
          break;
        case 'failNext':
          this.failNext(
            typeof a.op === 'string' ? a.op : '*',
            a.fault as FaultKind,
            typeof a.count === 'number' ? a.count : 1,
          );
          break;
        case 'setLatency':
          this.setLatency(Number(a.ms ?? 0), Number(a.jitterMs ?? 0));
          break;
        case 'setTransitionMs':
          this.setTransitionMs(Number(a.ms));
          break;
        case 'setQuota':
          // { rate, burst } ; rate 0 = off
          this.setQuota({ rate: Number(a.rate ?? 0), burst: Number(a.burst ?? AWS_QUOTA.burst) });
          out = this.quota();
          break;
        case 'quota':
          out = this.quota();
          break;
        case 'setCloudwatchQuota':
          this.setCloudwatchQuota({
            rate: Number(a.rate ?? 0),
            burst: Number(a.burst ?? cloudwatch.CLOUDWATCH_QUOTA.burst),
          });
          out = this.cloudwatchQuota();
          break;
        case 'setVisibilityDelay':
          this.setVisibilityDelay(Number(a.ms ?? 0));
          out = { ms: this.visibilityDelay() };
          break;
        case 'setQuirks':
          this.setQuirks(a);
          out = this.quirks();
          break;
        case 'advanceTime':
          this.advanceTime(Number(a.ms ?? 0));
          break;
        case 'counts':
          out = this.counts();
          break;
        case 'resetCounts':
          this.resetCounts();
          break;
        case 'requests':
          out = this.requests();
          break;
        case 'actionCount':
          out = {
            count: this.actionCount(typeof a.id === 'string' ? a.id : '', typeof a.op === 'string' ? a.op : undefined),
          };
          break;
        case 'accounts':
          out = this.accounts;
          break;
        case 'setState': {
          // { account, region, id, state, then?, afterMs? }
          const w = this.world(String(a.account), String(a.region));
          w.settle();
          w.setState(String(a.id), a.state as WorkspaceState, {
            ...(typeof a.then === 'string' ? { then: a.then as WorkspaceState } : {}),
            ...(typeof a.afterMs === 'number' ? { afterMs: a.afterMs } : {}),
          });
          break;
        }
        case 'setConnection': {
          // { account, region, id, state: CONNECTED|DISCONNECTED, lastConnected?: ms }
          const w = this.world(String(a.account), String(a.region));
          w.setConnection(
            String(a.id),
            a.state === 'CONNECTED' ? 'CONNECTED' : 'DISCONNECTED',
            typeof a.lastConnected === 'number' ? a.lastConnected : undefined,
          );
          break;
        }
        case 'fixImage':
          // { account, region, id }
          this.world(String(a.account), String(a.region)).fixImage(String(a.id));
          break;
        case 'awsConfigFiles':
          out = this.awsConfigFiles({
            ...(typeof a.endpointUrl === 'string' ? { endpointUrl: a.endpointUrl } : {}),
            ...(a.sso === true || (typeof a.sso === 'object' && a.sso !== null)
              ? { sso: a.sso as SsoConfigOptions }
              : {}),
          });
          break;
        case 'ssoApprove':
          this.identityCenter.approve(String(a.userCode), typeof a.user === 'string' ? a.user : undefined);
          break;
        case 'ssoDeny':
          this.identityCenter.deny(String(a.userCode));
          break;
        case 'ssoIssueToken':
          out = this.identityCenter.issueToken(
            typeof a.user === 'string' ? a.user : undefined,
            typeof a.expiresInMs === 'number' ? { expiresInMs: a.expiresInMs } : {},
          );
          break;
        case 'ssoExpireToken':
          this.identityCenter.expireToken(String(a.token));
          break;
        case 'ssoAccounts':
          out = this.identityCenter.accounts();
          break;
        default:
          this.send(res, 404, 'application/json', JSON.stringify({ error: `unknown verb '${verb}'` }));
          return;
      }
      this.send(res, 200, 'application/json', serialize(out));
    } catch (e) {
      this.send(res, 400, 'application/json', JSON.stringify({ error: e instanceof Error ? e.message : String(e) }));
    }
  }
}

/** An OIDC request's JSON body; InvalidRequestException when it is not a JSON object. */
function oidcBody(body: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = body.trim() === '' ? {} : JSON.parse(body);
  } catch {
    v = undefined;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new SsoError('InvalidRequestException', 'Invalid request', 400, 'invalid_request');
  }
  return v as Record<string, unknown>;
}

/** What IAM answers a role's credentials calling what their permission set does not allow. */
function roleDenied(service: string, accountId: string, p: RolePrincipal, op: string): ApiError {
  const suffix = createHash('sha256').update(`${accountId}/${p.roleName}`).digest('hex').slice(0, 16);
  return new ApiError(
    'AccessDeniedException',
    `User: arn:aws:sts::${accountId}:assumed-role/AWSReservedSSO_${p.roleName}_${suffix}/${p.user} is not authorized to perform: ${service}:${op} because no identity-based policy allows the ${service}:${op} action`,
    service === 'cloudwatch' ? 403 : 400,
  );
}

function quotaOf(q: QuotaOptions | false | undefined, fallback: QuotaOptions = AWS_QUOTA): QuotaOptions {
  if (q === undefined) {
    return { ...fallback };
  }
  if (q === false) {
    return { rate: 0, burst: fallback.burst };
  }
  return { rate: Math.max(0, q.rate), burst: Math.max(1, q.burst) };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** JSON 1.1 serialization: timestamps as epoch seconds. */
function serialize(v: unknown): string {
  return JSON.stringify(v, function (this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    return raw instanceof Date ? raw.getTime() / 1000 : value;
  });
}
