// The AWS layer: profiles from the shared files, one cached WorkSpaces client per (profile, region)
// and the WorkspacesApi of each scope.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { ProfileInfo, Scope } from '../core/types';
import { WorkspacesApi, type Concurrency, type Logger } from './api';
import { credentialProvider } from './credentials';
import { ConfigSnapshot, configPaths, ENV_PROFILE, type ConfigPaths } from './profiles';
import { retryUnreadableReads } from './retryReads';

export interface AwsLayerOptions {
  /** Sent as the SDK's customUserAgent, e.g. "workspaces-fleet/0.1.0". */
  userAgent: string;
  /** Per-request timeout (whole request/response), ms. Default 30 000. */
  requestTimeoutMs?: number;
  /** TCP/TLS connection timeout, ms. Default 5 000. */
  connectionTimeoutMs?: number;
  /** SDK attempts per call (adaptive retry mode, retries included). Default 5. */
  maxAttempts?: number;
  /** Asked for a code when an assume-role profile has mfa_serial. */
  mfaCodeProvider?: (serial: string) => Promise<string>;
  logger?: Logger;
  /** Environment to read AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, AWS_PROFILE, HOME, ... from.
   *  Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Parallelism bounds. Default { directories: 4, calls: 8 }. */
  concurrency?: Partial<Concurrency>;
}

export interface AwsLayer {
  /** Profiles of the shared files (default first) and the environment pseudo-profile when the
   *  environment carries credentials. Reads the files on first use; `reload()` re-reads them. */
  listProfiles(): Promise<ProfileInfo[]>;
  /** The files to watch; call `reload()` when one changes. */
  configFiles(): ConfigPaths;
  /** Re-reads the shared files; drops the cached clients of profiles whose settings changed.
   *  Returns the names of the profiles that were added, removed or changed. */
  reload(): Promise<{ changed: string[] }>;
  /** The API of one profile and region (cached per scope; the client is created on first call). */
  api(scope: Scope): WorkspacesApi;
  /** Destroys every client (closes sockets). The layer must not be used afterwards. */
  dispose(): void;
}

interface ClientEntry {
  client: Promise<WorkSpacesClient>;
  fingerprint: string;
}

const DEFAULTS = { requestTimeoutMs: 30_000, connectionTimeoutMs: 5_000, maxAttempts: 5, directories: 4, calls: 8 };

export function createAwsLayer(opts: AwsLayerOptions): AwsLayer {
  return new Layer(opts);
}

class Layer implements AwsLayer {
  private readonly env: NodeJS.ProcessEnv;
  private snapshot: Promise<ConfigSnapshot> | undefined;
  private readonly apis = new Map<string, WorkspacesApi>();
  private readonly clients = new Map<string, ClientEntry>();
  private readonly concurrency: Concurrency;
  private disposed = false;

  constructor(private readonly opts: AwsLayerOptions) {
    this.env = opts.env ?? process.env;
    this.concurrency = {
      directories: opts.concurrency?.directories ?? DEFAULTS.directories,
      calls: opts.concurrency?.calls ?? DEFAULTS.calls,
    };
  }

  private load(): Promise<ConfigSnapshot> {
    if (!this.snapshot) {
      const p = ConfigSnapshot.load(this.env, true);
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
    this.snapshot = Promise.resolve(next);
    const changed = new Set<string>();
    if (before) {
      for (const name of new Set([...before.names(), ...next.names()])) {
        if (before.fingerprint(name) !== next.fingerprint(name) || before.has(name) !== next.has(name)) {
          changed.add(name);
        }
      }
    }
    for (const [key, entry] of this.clients) {
      const profile = key.slice(0, key.indexOf('\u0000'));
      if (this.fingerprintOf(next, profile) !== entry.fingerprint) {
        this.clients.delete(key);
        changed.add(profile);
        this.opts.logger?.debug(
          `dropped the client of ${profile} (${key.slice(key.indexOf('\u0000') + 1)}): its settings changed`,
        );
        // Requests in flight on the old client finish; its sockets close once they are done.
        void entry.client.then(
          (c) =>
            setTimeout(() => c.destroy(), (this.opts.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs) + 1000).unref(),
          () => undefined,
        );
      }
    }
    return { changed: [...changed].sort() };
  }

  private fingerprintOf(snap: ConfigSnapshot, profile: string): string {
    if (profile === ENV_PROFILE) return JSON.stringify(snap.envInfo());
    return snap.fingerprint(profile);
  }

  api(scope: Scope): WorkspacesApi {
    if (this.disposed) throw new Error('The AWS layer was disposed.');
    const key = `${scope.profile}\u0000${scope.region}`;
    let api = this.apis.get(key);
    if (!api) {
      const s: Scope = { profile: scope.profile, region: scope.region };
      const deps: ConstructorParameters<typeof WorkspacesApi>[0] = {
        scope: s,
        client: () => this.client(key, s),
        concurrency: this.concurrency,
      };
      if (this.opts.logger) deps.logger = this.opts.logger;
      api = new WorkspacesApi(deps);
      this.apis.set(key, api);
    }
    return api;
  }

  private client(key: string, scope: Scope): Promise<WorkSpacesClient> {
    if (this.disposed) return Promise.reject(new Error('The AWS layer was disposed.'));
    const cached = this.clients.get(key);
    if (cached) return cached.client;
    const entry: ClientEntry = { fingerprint: '', client: Promise.resolve(undefined as unknown as WorkSpacesClient) };
    entry.client = this.load().then((snap) => {
      entry.fingerprint = this.fingerprintOf(snap, scope.profile);
      return this.makeClient(snap, scope);
    });
    entry.client.catch(() => {
      if (this.clients.get(key) === entry) this.clients.delete(key);
    });
    this.clients.set(key, entry);
    return entry.client;
  }

  private makeClient(snap: ConfigSnapshot, scope: Scope): WorkSpacesClient {
    const isEnv = scope.profile === ENV_PROFILE;
    const endpoint = isEnv ? snap.envInfo().endpointUrl : snap.endpointUrl(scope.profile);
    const maxSockets = Math.max(16, this.concurrency.directories + this.concurrency.calls * 2);
    const agent = { keepAlive: true, maxSockets };
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
    const credOpts: Parameters<typeof credentialProvider>[0] = {
      profile: scope.profile,
      isEnv,
      snapshot: snap,
      env: this.env,
    };
    if (this.opts.mfaCodeProvider) credOpts.mfaCodeProvider = this.opts.mfaCodeProvider;
    const client = new WorkSpacesClient({
      region: scope.region,
      credentials: credentialProvider(credOpts),
      // The profile's own settings (use_fips_endpoint, ...) apply; the SDK's endpoint lookup does
      // not (it would use AWS_PROFILE's endpoint_url for every profile): the layer passes it.
      ...(isEnv ? {} : { profile: scope.profile }),
      ...(endpoint ? { endpoint } : {}),
      ignoreConfiguredEndpointUrls: true,
      retryMode: 'adaptive',
      maxAttempts: this.opts.maxAttempts ?? DEFAULTS.maxAttempts,
      customUserAgent: this.opts.userAgent,
      requestHandler,
    });
    retryUnreadableReads(client);
    logger?.debug(
      `created the WorkSpaces client of ${scope.profile} ${scope.region}${endpoint ? ` (endpoint ${endpoint})` : ''}`,
    );
    return client;
  }

  dispose(): void {
    this.disposed = true;
    for (const entry of this.clients.values()) {
      void entry.client.then(
        (c) => c.destroy(),
        () => undefined,
      );
    }
    this.clients.clear();
    this.apis.clear();
  }
}
