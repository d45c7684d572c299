// The AWS layer: profiles from the shared files, one cached WorkSpaces client per (profile, region),
// the WorkspacesApi of each scope, and the request schedulers (one per account and region once the
// account is known, one per profile and region until then). Each other service of a scope
// (CloudWatch, for usage) has its own client per scope, on the same credentials, and its own
// schedulers (its quota is its own): a ScopeService says how to build them. Credentials are per
// profile, shared by the clients of all its regions, resolved a few profiles at a time.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { doesIdentityRequireRefresh, isIdentityExpired, memoizeIdentityProvider } from '@smithy/core';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { ProfileInfo, Scope } from '../core/types';
import { workspacesApi, type ApiDeps, type Logger, type WorkspacesApi } from './api';
import { CloudTrailApi, CLOUDTRAIL_TUNING } from './cloudtrail';
import { CloudWatchApi, CLOUDWATCH_TUNING } from './cloudwatch';
import { CredentialGate, credentialProvider } from './credentials';
import { SYSTEM_CLOCK, type Clock } from '../core/clock';
import { IdentityCenter, type SsoSource } from './identityCenter';
import {
  ConfigSnapshot,
  configPaths,
  ENV_PROFILE,
  type ConfigPaths,
  type DiscoveredProfile,
  type EndpointService,
} from './profiles';
import { SchedulerRetryStrategy } from './retry';
import { retryUnreadableReads } from './retryReads';
import { Scheduler, type SchedulerStats, type SchedulerTuning } from './scheduler';
import type { SdkClient, ServiceDeps } from './service';

export interface AwsLayerOptions {
  /** The clock credentials and SSO tokens expire by (default the wall clock: AWS's times are real). */
  credentialsClock?: Clock;
  /** Sent as the SDK's customUserAgent, e.g. "workspaces-fleet/0.1.0". */
  userAgent: string;
  /** Per-request timeout (whole request/response), ms. Default 30 000. */
  requestTimeoutMs?: number;
  /** TCP/TLS connection timeout, ms. Default 5 000. */
  connectionTimeoutMs?: number;
  /** SDK attempts per call for transient errors (standard retry strategy, retries included).
   *  Default 5. Throttled calls are not counted here: the scheduler re-queues them. */
  maxAttempts?: number;
  /** Asked for a code when an assume-role profile has mfa_serial: once per profile (its regions
   *  share the credentials), never while another profile's code is being asked. */
  mfaCodeProvider?: (serial: string) => Promise<string>;
  /** How many profiles resolve their credentials at once (SSO GetRoleCredentials, STS AssumeRole,
   *  credential_process). Default 4. */
  maxConcurrentCredentials?: number;
  logger?: Logger;
  /** Environment to read AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, AWS_PROFILE, HOME, ... from.
   *  Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** The request schedulers' starting point (default: AWS's documented 2 calls/s, burst 5, 8 in
   *  flight, adaptive). Tests against an endpoint without a quota raise it. */
  scheduler?: Partial<SchedulerTuning>;
  /** CloudWatch's schedulers (default: GetMetricData's documented 50 calls/s, see cloudwatch.ts). */
  cloudwatchScheduler?: Partial<SchedulerTuning>;
  /** CloudTrail's schedulers (default: LookupEvents' documented 2 calls/s, see cloudtrail.ts). */
  cloudtrailScheduler?: Partial<SchedulerTuning>;
}

export interface AwsLayer {
  /** Profiles of the shared files (default first) and the environment pseudo-profile when the
   *  environment carries credentials. Reads the files on first use; `reload()` re-reads them. */
  listProfiles(): Promise<ProfileInfo[]>;
  /** The files to watch; call `reload()` when one changes. */
  configFiles(): ConfigPaths;
  /** Re-reads the shared files; drops the cached clients of profiles whose settings changed.
   *  Returns the names of the profiles that were added, removed or changed (their identity or
   *  endpoint: ProfileInfo.settingsFingerprint). A profile whose secrets alone changed (rotated
   *  keys) is not among them: its memoized credentials are dropped, and its next call signs with
   *  the new keys while the calls in flight go on. */
  reload(): Promise<{ changed: string[] }>;
  /** The API of one profile and region (cached per scope; the client is created on first call). */
  api(scope: Scope): WorkspacesApi;
  /** CloudWatch of one profile and region (usage metrics): its own client, the same credentials. */
  cloudwatch(scope: Scope): CloudWatchApi;
  /** CloudTrail of one profile and region (recent events): its own client and quota, the same credentials. */
  cloudtrail(scope: Scope): CloudTrailApi;
  /**
   * The scope's calls share the request budget of `accountId` in its region (and endpoint) from
   * now on: profiles of one account draw on one bucket, as AWS counts them. The account comes from
   * the profile's settings when they name it, else from a directory's IamRoleId (ScopeModel).
   */
  bindAccount(scope: Scope, accountId: string): void;
  /** The state of the scheduler the scope's calls go through (progress messages, the bench). */
  stats(scope: Scope): SchedulerStats;
  /** The places the shared config lets the person sign in to IAM Identity Center from. */
  ssoSources(): Promise<SsoSource[]>;
  /** IAM Identity Center: tokens, sign-in, the accounts and roles of an organisation. */
  readonly identityCenter: IdentityCenter;
  /**
   * The accounts and roles discovered through IAM Identity Center that are shown as profiles
   * (listProfiles lists them after the files' own; their credentials come from GetRoleCredentials).
   * Replaces the previous list; kept across reloads.
   */
  setDiscovered(list: readonly DiscoveredProfile[]): void;
  /** Destroys every client (closes sockets). The layer must not be used afterwards. */
  dispose(): void;
}

interface ClientEntry<C = WorkSpacesClient> {
  client: Promise<C>;
  fingerprint: string;
}

/** What every client of a scope is built with (Layer.clientOptions): the SDK's common configuration. */
type ClientOptions = ReturnType<Layer['clientOptions']>;

/**
 * A service of every scope beside WorkSpaces: its client (per scope, on the profile's credentials
 * and the service's endpoint_url), its schedulers (its own bucket per account and region) and the
 * API built on them. A new service is one of these and an AwsLayer method.
 */
interface ScopeService<C extends SdkClient & Client, A> {
  /** In log lines and scheduler names ("CloudWatch"). */
  name: string;
  /** Where its endpoint_url is configured (profiles.ts); also the key of its schedulers. */
  endpoint: EndpointService;
  /** Its schedulers' starting point (its documented quota). */
  tuning: Partial<SchedulerTuning>;
  client(options: ClientOptions): C;
  api(deps: ServiceDeps<C>): A;
}

/** What the layer does with any client: retry unreadable reads (retryReads.ts), destroy it. */
interface Client {
  middlewareStack: unknown;
  destroy(): void;
}

/** The APIs and clients of one ScopeService, by scope key. */
class ServiceState<C extends SdkClient & Client, A> {
  readonly apis = new Map<string, A>();
  readonly clients = new Map<string, ClientEntry<C>>();
  constructor(readonly spec: ScopeService<C, A>) {}
}

const CLOUDWATCH: ScopeService<CloudWatchClient, CloudWatchApi> = {
  name: 'CloudWatch',
  endpoint: 'cloudwatch',
  tuning: CLOUDWATCH_TUNING,
  client: (o) => new CloudWatchClient(o),
  api: (deps) => new CloudWatchApi(deps),
};

const CLOUDTRAIL: ScopeService<CloudTrailClient, CloudTrailApi> = {
  name: 'CloudTrail',
  endpoint: 'cloudtrail',
  tuning: CLOUDTRAIL_TUNING,
  client: (o) => new CloudTrailClient(o),
  api: (deps) => new CloudTrailApi(deps),
};

const DEFAULTS = { requestTimeoutMs: 30_000, connectionTimeoutMs: 5_000, maxAttempts: 5, maxConcurrentCredentials: 4 };

/** Accounts are 12 digits; anything else is not bound (the scope keeps its own bucket). */
const ACCOUNT_ID = /^\d{12}$/;

export function createAwsLayer(opts: AwsLayerOptions): AwsLayer {
  return new Layer(opts);
}

class Layer implements AwsLayer {
  private readonly env: NodeJS.ProcessEnv;
  private snapshot: Promise<ConfigSnapshot> | undefined;
  private readonly apis = new Map<string, WorkspacesApi>();
  private readonly clients = new Map<string, ClientEntry>();
  private readonly cloudwatchService: ServiceState<CloudWatchClient, CloudWatchApi>;
  private readonly cloudtrailService: ServiceState<CloudTrailClient, CloudTrailApi>;
  /** Every service beside WorkSpaces (reload and dispose go over them). */
  private readonly services: Array<ServiceState<SdkClient & Client, unknown>>;
  /** The memoized credentials of each profile (by name), with the settings they were resolved from
   *  (secrets included: a rotated key makes a new entry). */
  private readonly credentials = new Map<string, { secrets: string; provider: AwsCredentialIdentityProvider }>();
  /** What the clients of a profile get as `credentials`: one function per profile, for good. */
  private readonly clientCredentials = new Map<string, AwsCredentialIdentityProvider>();
  /** Bounds the resolutions running at once and queues MFA prompts (one open at a time). */
  private readonly gate: CredentialGate;
  /** Schedulers by scope key (until the account is known) or by account key. */
  private readonly schedulers = new Map<string, Scheduler>();
  /** Scope key → the account key its scheduler is shared under. */
  private readonly bound = new Map<string, string>();
  /** Scope key → its endpoint ("default <region>" for AWS's own), known once its client exists. */
  private readonly endpoints = new Map<string, string>();
  /** Endpoints that answered a call like the WorkSpaces API. */
  private readonly working = new Set<string>();
  private disposed = false;

  readonly identityCenter: IdentityCenter;
  /** The accounts of IAM Identity Center shown as profiles (setDiscovered), added to every snapshot. */
  private discovered: DiscoveredProfile[] = [];

  constructor(private readonly opts: AwsLayerOptions) {
    this.env = opts.env ?? process.env;
    this.identityCenter = new IdentityCenter({
      env: this.env,
      clock: opts.credentialsClock ?? SYSTEM_CLOCK,
      userAgent: opts.userAgent,
      requestTimeoutMs: opts.requestTimeoutMs,
    });
    this.gate = new CredentialGate(opts.maxConcurrentCredentials ?? DEFAULTS.maxConcurrentCredentials);
    this.cloudwatchService = new ServiceState({
      ...CLOUDWATCH,
      tuning: { ...CLOUDWATCH.tuning, ...opts.cloudwatchScheduler },
    });
    this.cloudtrailService = new ServiceState({
      ...CLOUDTRAIL,
      tuning: { ...CLOUDTRAIL.tuning, ...opts.cloudtrailScheduler },
    });
    this.services = [this.cloudwatchService, this.cloudtrailService];
  }

  async ssoSources(): Promise<SsoSource[]> {
    return (await this.load()).ssoSources();
  }

  setDiscovered(list: readonly DiscoveredProfile[]): void {
    this.discovered = [...list];
    void this.snapshot?.then((s) => s.addDiscovered(this.discovered)).catch(() => undefined);
  }

  private load(): Promise<ConfigSnapshot> {
    if (!this.snapshot) {
      const p = ConfigSnapshot.load(this.env, true).then((s) => {
        s.addDiscovered(this.discovered);
        return s;
      });
      this.snapshot = p;
      // A failed read is retried on the next use.
      p.catch(() => {
        if (this.snapshot === p) this.snapshot = undefined;
      });
    }
    return this.snapshot;
  }

  async listProfiles(): Promise<ProfileInfo[]> {
    return (await this.load()).profiles();
  }

  configFiles(): ConfigPaths {
    return configPaths(this.env);
  }

  async reload(): Promise<{ changed: string[] }> {
    const before = this.snapshot ? await this.snapshot.catch(() => undefined) : undefined;
    const next = await ConfigSnapshot.load(this.env, true);
    next.addDiscovered(this.discovered);
    this.snapshot = Promise.resolve(next);
    const changed = new Set<string>();
    if (before) {
      for (const name of new Set([...before.names(), ...next.names()])) {
        if (
          this.fingerprintOf(before, name) !== this.fingerprintOf(next, name) ||
          before.has(name) !== next.has(name)
        ) {
          changed.add(name);
        }
      }
    }
    for (const { clients } of this.services) {
      for (const [key, entry] of clients) {
        if (this.fingerprintOf(next, profileOf(key)) !== entry.fingerprint) {
          clients.delete(key);
          changed.add(profileOf(key));
          this.retire(entry.client);
        }
      }
    }
    for (const [profile, entry] of this.credentials) {
      if (this.secretsOf(next, profile) !== entry.secrets) {
        // Rotated keys (or other settings): the next call resolves them again; nothing is cancelled.
        this.credentials.delete(profile);
        this.opts.logger?.debug(`the credentials of ${profile} changed: its next calls use the new ones`);
      }
    }
    for (const [key, entry] of this.clients) {
      const profile = profileOf(key);
      if (this.fingerprintOf(next, profile) !== entry.fingerprint) {
        this.clients.delete(key);
        changed.add(profile);
        // Its account may differ now: it draws on its own bucket until the account is known again.
        if (this.bound.delete(key)) this.schedulers.delete(key);
        this.opts.logger?.debug(
          `dropped the client of ${profile} (${key.slice(key.indexOf('\u0000') + 1)}): its settings changed`,
        );
        this.retire(entry.client);
      }
    }
    return { changed: [...changed].sort() };
  }

  /** Requests in flight on an old client finish; its sockets close once they are done. */
  private retire(client: Promise<{ destroy(): void }>): void {
    void client.then(
      (c) => setTimeout(() => c.destroy(), (this.opts.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs) + 1000).unref(),
      () => undefined,
    );
  }

  /** Which identity and endpoint a profile's clients use (no secret): a change rebuilds them. */
  private fingerprintOf(snap: ConfigSnapshot, profile: string): string {
    if (profile === ENV_PROFILE) return JSON.stringify(snap.envInfo());
    return snap.settingsFingerprint(profile);
  }

  /** Everything a profile's credentials are resolved from, secrets included. */
  private secretsOf(snap: ConfigSnapshot, profile: string): string {
    if (profile !== ENV_PROFILE) return snap.fingerprint(profile);
    // The default chain may resolve AWS_PROFILE's settings from the files.
    const named = snap.defaultProfile;
    return JSON.stringify([snap.envInfo(), snap.has(named) ? snap.fingerprint(named) : null]);
  }

  api(scope: Scope): WorkspacesApi {
    if (this.disposed) throw new Error('The AWS layer was disposed.');
    const key = scopeKey(scope);
    let api = this.apis.get(key);
    if (!api) {
      const s: Scope = { profile: scope.profile, region: scope.region };
      const deps: ApiDeps = {
        scope: s,
        client: () => this.client(key, s),
        scheduler: () => this.scheduler(key, s),
        bindAccount: (accountId) => this.bindAccount(s, accountId),
        endpointWorked: () => this.working.has(this.endpoints.get(key) ?? ''),
        worked: () => {
          const endpoint = this.endpoints.get(key);
          if (endpoint) this.working.add(endpoint);
        },
      };
      if (this.opts.logger) deps.logger = this.opts.logger;
      api = workspacesApi(deps);
      this.apis.set(key, api);
    }
    return api;
  }

  cloudwatch(scope: Scope): CloudWatchApi {
    return this.serviceApi(this.cloudwatchService, scope);
  }

  cloudtrail(scope: Scope): CloudTrailApi {
    return this.serviceApi(this.cloudtrailService, scope);
  }

  /** The API of a service beside WorkSpaces for one scope (cached per scope). */
  private serviceApi<C extends SdkClient & Client, A>(service: ServiceState<C, A>, scope: Scope): A {
    if (this.disposed) throw new Error('The AWS layer was disposed.');
    const key = scopeKey(scope);
    let api = service.apis.get(key);
    if (!api) {
      const s: Scope = { profile: scope.profile, region: scope.region };
      api = service.spec.api({
        scope: s,
        client: () => this.serviceClient(service, key, s),
        scheduler: () => this.serviceScheduler(service.spec, key, s),
        logger: this.opts.logger,
      });
      service.apis.set(key, api);
    }
    return api;
  }

  /**
   * A service's scheduler of a scope: its own bucket (its quota is not the WorkSpaces one), per
   * account and region once the scope's account is known (bindAccount), else per scope.
   */
  private serviceScheduler(spec: ScopeService<SdkClient & Client, unknown>, key: string, scope: Scope): Scheduler {
    const bucket = `${spec.endpoint}\u0000${this.bound.get(key) ?? key}`;
    let s = this.schedulers.get(bucket);
    if (!s) {
      if (this.disposed) throw new Error('The AWS layer was disposed.');
      const name = this.bound.get(key)?.split('\u0000')[0];
      s = new Scheduler(
        `${spec.name} ${name ? `account ${name}` : scope.profile} ${scope.region}`,
        spec.tuning,
        this.opts.logger,
      );
      this.schedulers.set(bucket, s);
    }
    return s;
  }

  private scheduler(key: string, scope: Scope): Scheduler {
    const shared = this.bound.get(key);
    let s = this.schedulers.get(shared ?? key);
    if (!s) {
      if (this.disposed) throw new Error('The AWS layer was disposed.');
      s = new Scheduler(`${scope.profile} ${scope.region}`, this.opts.scheduler, this.opts.logger);
      this.schedulers.set(key, s);
    }
    return s;
  }

  bindAccount(scope: Scope, accountId: string): void {
    if (this.disposed || !ACCOUNT_ID.test(accountId)) return;
    const key = scopeKey(scope);
    const shared = `${accountId}\u0000${scope.region}\u0000${this.endpoints.get(key) ?? ''}`;
    if (this.bound.get(key) === shared) return;
    const current = this.scheduler(key, scope);
    let target = this.schedulers.get(shared);
    const fresh = !target;
    if (!target) {
      target = new Scheduler(`account ${accountId} ${scope.region}`, this.opts.scheduler, this.opts.logger);
      this.schedulers.set(shared, target);
    }
    // The scope's own bucket hands its waiting calls (and, to a new account bucket, its state) over;
    // an account bucket it was bound to before keeps its calls (other scopes share them).
    if (!this.bound.has(key)) {
      current.moveTo(target, fresh);
      this.schedulers.delete(key);
    }
    this.bound.set(key, shared);
    this.opts.logger?.debug(
      `${scope.profile} ${scope.region}: calls share the request budget of account ${accountId} in ${scope.region}`,
    );
  }

  stats(scope: Scope): SchedulerStats {
    return this.scheduler(scopeKey(scope), scope).stats();
  }

  private serviceClient<C extends SdkClient & Client>(
    service: ServiceState<C, unknown>,
    key: string,
    scope: Scope,
  ): Promise<C> {
    return this.cachedClient(service.clients, key, scope, (snap) => {
      const o = this.clientOptions(snap, scope, service.spec.endpoint);
      const client = service.spec.client(o);
      retryUnreadableReads(client);
      this.opts.logger?.debug(
        `created the ${service.spec.name} client of ${scope.profile} ${scope.region}${o.endpoint ? ` (endpoint ${o.endpoint})` : ''}`,
      );
      return client;
    });
  }

  private client(key: string, scope: Scope): Promise<WorkSpacesClient> {
    return this.cachedClient(this.clients, key, scope, (snap) => {
      const client = this.makeClient(snap, scope);
      // A profile whose settings name its account shares that account's bucket from the first call.
      const account = scope.profile === ENV_PROFILE ? undefined : snap.accountId(scope.profile);
      if (account) this.bindAccount(scope, account);
      return client;
    });
  }

  /**
   * The client of a scope in `clients`, made from the shared files on first use and kept with the
   * fingerprint of the profile's settings it was made from (a reload drops it when they change); a
   * failure is not kept.
   */
  private cachedClient<C>(
    clients: Map<string, ClientEntry<C>>,
    key: string,
    scope: Scope,
    make: (snap: ConfigSnapshot) => C,
  ): Promise<C> {
    if (this.disposed) return Promise.reject(new Error('The AWS layer was disposed.'));
    const cached = clients.get(key);
    if (cached) return cached.client;
    const entry: ClientEntry<C> = { fingerprint: '', client: Promise.resolve(undefined as unknown as C) };
    entry.client = this.load().then((snap) => {
      entry.fingerprint = this.fingerprintOf(snap, scope.profile);
      return make(snap);
    });
    entry.client.catch(() => {
      if (clients.get(key) === entry) clients.delete(key);
    });
    clients.set(key, entry);
    return entry.client;
  }

  private makeClient(snap: ConfigSnapshot, scope: Scope): WorkSpacesClient {
    const o = this.clientOptions(snap, scope, 'workspaces');
    this.endpoints.set(scopeKey(scope), o.endpoint ?? `default ${scope.region}`);
    const client = new WorkSpacesClient(o);
    retryUnreadableReads(client);
    this.opts.logger?.debug(
      `created the WorkSpaces client of ${scope.profile} ${scope.region}${o.endpoint ? ` (endpoint ${o.endpoint})` : ''}`,
    );
    return client;
  }

  /** What the clients of a scope (WorkSpaces, CloudWatch, ...) are built with (the same but the endpoint). */
  private clientOptions(snap: ConfigSnapshot, scope: Scope, service: EndpointService) {
    const isEnv = scope.profile === ENV_PROFILE;
    const endpoint = isEnv ? snap.envEndpointUrl(service) : snap.endpointUrl(scope.profile, service);
    // The schedulers bound what is in flight; sockets beyond that are for other scopes' bursts.
    const agent = { keepAlive: true, maxSockets: 16 };
    const logger = this.opts.logger;
    const requestHandler = new NodeHttpHandler({
      requestTimeout: this.opts.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs,
      connectionTimeout: this.opts.connectionTimeoutMs ?? DEFAULTS.connectionTimeoutMs,
      throwOnRequestTimeout: true,
      httpAgent: new HttpAgent(agent),
      httpsAgent: new HttpsAgent(agent),
      ...(logger
        ? {
            logger: {
              trace: () => undefined,
              debug: (m: unknown) => logger.debug(String(m)),
              info: (m: unknown) => logger.debug(String(m)),
              warn: (m: unknown) => logger.warn(String(m)),
              error: (m: unknown) => logger.warn(String(m)),
            },
          }
        : {}),
    });
    const maxAttempts = this.opts.maxAttempts ?? DEFAULTS.maxAttempts;
    return {
      region: scope.region,
      credentials: this.credentialsOf(scope.profile),
      // The profile's own settings (use_fips_endpoint, ...) apply; the SDK's endpoint lookup does
      // not (it would use AWS_PROFILE's endpoint_url for every profile): the layer passes it.
      ...(isEnv ? {} : { profile: scope.profile }),
      ...(endpoint ? { endpoint } : {}),
      ignoreConfiguredEndpointUrls: true,
      // Standard retries for transient errors; throttling and resending actions are the
      // scheduler's business (src/aws/retry.ts).
      maxAttempts,
      retryStrategy: new SchedulerRetryStrategy(maxAttempts),
      customUserAgent: this.opts.userAgent,
      requestHandler,
    };
  }

  /**
   * What every client of a profile (each region's WorkSpaces and CloudWatch clients) signs with: the
   * profile's current credentials. Marked `memoized` so that the SDK does not memoize it again per
   * client (it would keep static keys for good): the layer does, once per profile.
   */
  private credentialsOf(profile: string): AwsCredentialIdentityProvider {
    let fn = this.clientCredentials.get(profile);
    if (!fn) {
      const current: AwsCredentialIdentityProvider = async (props) => (await this.profileCredentials(profile))(props);
      fn = Object.assign(current, { memoized: true });
      this.clientCredentials.set(profile, fn);
    }
    return fn;
  }

  /**
   * The credentials of a profile, resolved once for all its regions and clients: a second client
   * must not start a second SSO, AssumeRole or MFA round. Memoized as the SDK memoizes a client's
   * own (refreshed when expiring; concurrent callers share one resolution); a failure is not kept.
   * Resolutions go through the gate: a few profiles at a time, one MFA prompt at a time.
   */
  private async profileCredentials(profile: string): Promise<AwsCredentialIdentityProvider> {
    if (this.disposed) throw new Error('The AWS layer was disposed.');
    const snap = await this.load();
    const secrets = this.secretsOf(snap, profile);
    const cached = this.credentials.get(profile);
    if (cached && cached.secrets === secrets) return cached.provider;
    const o: Parameters<typeof credentialProvider>[0] = {
      profile,
      isEnv: profile === ENV_PROFILE,
      snapshot: snap,
      env: this.env,
      identityCenter: this.identityCenter,
    };
    const ask = this.opts.mfaCodeProvider;
    if (ask) o.mfaCodeProvider = (serial) => this.gate.mfa(() => ask(serial));
    const inner = credentialProvider(o);
    const provider = memoizeIdentityProvider(
      (props) => this.gate.run(() => inner(props)),
      isIdentityExpired,
      doesIdentityRequireRefresh,
    ) as AwsCredentialIdentityProvider;
    this.credentials.set(profile, { secrets, provider });
    return provider;
  }

  dispose(): void {
    this.disposed = true;
    this.identityCenter.dispose();
    for (const clients of [this.clients, ...this.services.map((s) => s.clients)]) {
      for (const entry of clients.values()) {
        void entry.client.then(
          (c) => c.destroy(),
          () => undefined,
        );
      }
      clients.clear();
    }
    for (const { apis } of this.services) apis.clear();
    this.credentials.clear();
    this.clientCredentials.clear();
    this.apis.clear();
    for (const s of this.schedulers.values()) s.dispose();
    this.schedulers.clear();
  }
}

function scopeKey(scope: Scope): string {
  return `${scope.profile}\u0000${scope.region}`;
}

function profileOf(key: string): string {
  return key.slice(0, key.indexOf('\u0000'));
}
