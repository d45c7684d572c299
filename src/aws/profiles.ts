// Profiles from the user's shared config and credentials files, read with the SDK's own loader
// (@smithy/shared-ini-file-loader), plus the endpoint each profile sends WorkSpaces calls to.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadSharedConfigFiles, loadSsoSessionData, type ParsedIniData } from '@smithy/shared-ini-file-loader';
import { AwsError } from '../core/errors';
import type { SsoSource } from './identityCenter';
import { discoveredName, type ProfileInfo, type ProfileKind } from '../core/types';

/** Name of the pseudo-profile that uses the process environment's credentials. Parentheses cannot
 *  appear in a `[profile ...]` section name, so it never collides with a real profile. */
export const ENV_PROFILE = '(environment)';

export interface ConfigPaths {
  config: string;
  credentials: string;
}

type Env = NodeJS.ProcessEnv;
type Section = Record<string, string | undefined>;

/** Home directory as the SDK computes it (getHomeDir), but from the given environment. */
function homeDir(env: Env): string {
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? 'C:\\'}${env.HOMEPATH}`;
  return homedir();
}

function expandHome(p: string, env: Env): string {
  return p.startsWith('~/') ? join(homeDir(env), p.slice(2)) : p;
}

/** The files the SDK reads: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE or ~/.aws/*. */
export function configPaths(env: Env): ConfigPaths {
  return {
    config: expandHome(env.AWS_CONFIG_FILE || join(homeDir(env), '.aws', 'config'), env),
    credentials: expandHome(env.AWS_SHARED_CREDENTIALS_FILE || join(homeDir(env), '.aws', 'credentials'), env),
  };
}

/** The services the layer makes clients for (their endpoints are looked up separately). */
export type EndpointService = 'workspaces' | 'cloudwatch' | 'cloudtrail' | 'sso' | 'ssoOidc';

/**
 * Where each service's endpoint may be configured: its AWS_ENDPOINT_URL_<SERVICE> variable and its
 * key in a `services` section (the SDK's service id, lower case; CloudWatch also under its endpoint
 * prefix `monitoring`, which some tools write).
 */
const ENDPOINT_KEYS: Readonly<Record<EndpointService, { env: string; services: readonly string[] }>> = {
  workspaces: { env: 'AWS_ENDPOINT_URL_WORKSPACES', services: ['workspaces'] },
  cloudwatch: { env: 'AWS_ENDPOINT_URL_CLOUDWATCH', services: ['cloudwatch', 'monitoring'] },
  cloudtrail: { env: 'AWS_ENDPOINT_URL_CLOUDTRAIL', services: ['cloudtrail'] },
  // The SDK's service ids "SSO" and "SSO OIDC" (the IAM Identity Center portal and sign-in).
  sso: { env: 'AWS_ENDPOINT_URL_SSO', services: ['sso'] },
  ssoOidc: { env: 'AWS_ENDPOINT_URL_SSO_OIDC', services: ['sso_oidc'] },
};

/** An account and role found through IAM Identity Center, shown as a profile of its own. */
export interface DiscoveredProfile {
  readonly source: SsoSource;
  readonly accountId: string;
  readonly accountName?: string;
  readonly emailAddress?: string;
  readonly roleName: string;
}

const SSO_PREFIX = 'sso-session.';
const SERVICES_PREFIX = 'services.';

function truthy(v: string | undefined): boolean {
  return v !== undefined && v.trim().toLowerCase() === 'true';
}

/**
 * Throws when a shared file exists but the SDK's loader read nothing from it although it has
 * sections: unreadable (permissions) or refused by the SDK's INI parser (a `[__proto__]` section).
 * A missing file is fine (nothing configured there).
 */
async function assertRead(path: string, parsed: ParsedIniData): Promise<void> {
  if (Object.keys(parsed).length > 0) return;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return;
    throw configFileError(path, `it cannot be read (${code ?? String(e)})`);
  }
  const section = /^[ \t]*\[[^\]\r\n]+\][ \t]*(?:[#;].*)?$/m.test(text);
  const setting = /^[ \t]*[^\s=#;[][^=\r\n]*=[ \t]*[^\s#;]/m.test(text);
  if (section && setting) {
    throw configFileError(path, 'the AWS SDK refuses to parse it (is there a [__proto__] section?)');
  }
}

function configFileError(path: string, why: string): AwsError {
  return new AwsError({
    kind: 'credentials',
    reason: 'other',
    code: 'InvalidConfigFile',
    message: `The AWS shared file ${path} has profiles, but ${why}.`,
    hint: `Fix ${path}, then refresh: until then the AWS SDK ignores the whole file.`,
  });
}

/** One read of the shared files. Immutable; `reload()` makes a new one. */
export class ConfigSnapshot {
  /** Accounts found through IAM Identity Center, by profile name (addDiscovered). */
  private readonly discovered = new Map<string, DiscoveredProfile>();

  private constructor(
    readonly paths: ConfigPaths,
    private readonly env: Env,
    private readonly configFile: ParsedIniData,
    private readonly credentialsFile: ParsedIniData,
    private readonly ssoSessions: ParsedIniData,
  ) {}

  static async load(env: Env, ignoreCache: boolean): Promise<ConfigSnapshot> {
    const paths = configPaths(env);
    const files = await loadSharedConfigFiles({
      filepath: paths.credentials,
      configFilepath: paths.config,
      ignoreCache,
    });
    // The SDK reads a file it cannot read or parse as an empty one (and would then quietly use
    // other endpoints, regions and credentials): say so instead.
    await assertRead(paths.config, files.configFile);
    await assertRead(paths.credentials, files.credentialsFile);
    // loadSsoSessionData reads through the same file cache, just refreshed above.
    const sso = await loadSsoSessionData({ configFilepath: paths.config });
    // Looked up by profile and session names from the files: without a prototype, a profile named
    // "constructor" or "toString" exists only when the files have it.
    const own = (d: ParsedIniData): ParsedIniData => Object.assign(Object.create(null) as ParsedIniData, d);
    return new ConfigSnapshot(paths, env, own(files.configFile), own(files.credentialsFile), own(sso));
  }

  /** The profile named by AWS_PROFILE, else "default". */
  get defaultProfile(): string {
    return this.env.AWS_PROFILE || 'default';
  }

  names(): string[] {
    const names = new Set<string>();
    for (const key of Object.keys(this.configFile)) {
      if (!key.startsWith(SSO_PREFIX) && !key.startsWith(SERVICES_PREFIX)) names.add(key);
    }
    for (const key of Object.keys(this.credentialsFile)) names.add(key);
    return [...names];
  }

  has(name: string): boolean {
    return this.configFile[name] !== undefined || this.credentialsFile[name] !== undefined || this.discovered.has(name);
  }

  /**
   * The places to sign in to IAM Identity Center from: each sso-session, and each legacy profile
   * with sso_start_url and no session. A source's first profile (by name) lends discovered accounts
   * its region and endpoints.
   */
  ssoSources(): SsoSource[] {
    const out: SsoSource[] = [];
    const users = (session: string): string[] =>
      this.names()
        .filter((n) => this.configFile[n]?.sso_session === session)
        .sort();
    const endpoints = (template: string | undefined): SsoSource['endpoints'] => {
      const portal = template ? this.endpointUrl(template, 'sso') : this.envEndpointUrl('sso');
      const oidc = template ? this.endpointUrl(template, 'ssoOidc') : this.envEndpointUrl('ssoOidc');
      return { portal, oidc };
    };
    for (const key of Object.keys(this.ssoSessions)) {
      const s = this.ssoSessions[key];
      if (!s?.sso_start_url || !s.sso_region) continue;
      const template = users(key)[0];
      out.push({
        id: key,
        kind: 'session',
        startUrl: s.sso_start_url,
        region: s.sso_region,
        scopes: (s.sso_registration_scopes ?? 'sso:account:access')
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
        template,
        endpoints: endpoints(template),
      });
    }
    for (const name of this.names().sort()) {
      const d = this.configFile[name];
      if (!d?.sso_start_url || d.sso_session || !d.sso_region) continue;
      out.push({
        id: name,
        kind: 'legacy',
        startUrl: d.sso_start_url,
        region: d.sso_region,
        scopes: ['sso:account:access'],
        template: name,
        endpoints: endpoints(name),
      });
    }
    return out;
  }

  /** Adds accounts found through IAM Identity Center as profiles (in memory only: never written). */
  addDiscovered(list: readonly DiscoveredProfile[]): void {
    for (const d of list) this.discovered.set(discoveredName(d.source.id, d.accountId, d.roleName), d);
  }

  /** The discovered account behind a profile name, if it is one. */
  discoveredProfile(name: string): DiscoveredProfile | undefined {
    return this.discovered.get(name);
  }

  /** A discovered account's settings, as a profile of the files would have them: its source's
   *  session (or start URL), the account and role, and the template profile's region and endpoints. */
  private discoveredSection(v: DiscoveredProfile): Section {
    const t = v.source.template ? { ...this.configFile[v.source.template] } : {};
    const out: Section = Object.create(null) as Section;
    if (t.region) out.region = t.region;
    if (t.services) out.services = t.services;
    if (t.endpoint_url) out.endpoint_url = t.endpoint_url;
    if (v.source.kind === 'session') out.sso_session = v.source.id;
    else out.sso_start_url = v.source.startUrl;
    out.sso_region = v.source.region;
    out.sso_account_id = v.accountId;
    out.sso_role_name = v.roleName;
    return out;
  }

  /** Config then credentials keys (credentials win), as the SDK merges them. */
  section(name: string): Section | undefined {
    const v = this.discovered.get(name);
    if (v) return this.discoveredSection(v);
    const c = this.configFile[name];
    const k = this.credentialsFile[name];
    if (!c && !k) return undefined;
    return { ...(c ?? {}), ...(k ?? {}) };
  }

  ssoSession(name: string): Section | undefined {
    return this.ssoSessions[name] ?? this.configFile[SSO_PREFIX + name];
  }

  private services(name: string): Section | undefined {
    return this.configFile[SERVICES_PREFIX + name];
  }

  kind(name: string): ProfileKind {
    if (this.discovered.has(name)) return 'identityCenter';
    const d = this.section(name) ?? {};
    if (d.role_arn && (d.source_profile || d.credential_source)) return 'assumeRole';
    if (d.aws_access_key_id && d.aws_secret_access_key) return 'static';
    if (d.role_arn && d.web_identity_token_file) return 'other';
    if (d.sso_session || d.sso_start_url || d.sso_account_id) return 'sso';
    if (d.credential_process) return 'process';
    return 'other';
  }

  /**
   * The WorkSpaces (or CloudWatch) endpoint of a profile, in the precedence of the SDK's
   * "configured endpoints": AWS_ENDPOINT_URL_WORKSPACES (_CLOUDWATCH), AWS_ENDPOINT_URL, the
   * profile's `services` section (`workspaces = \n endpoint_url = ...`; for CloudWatch `cloudwatch`,
   * then `monitoring`), the profile's `endpoint_url`. The SDK itself only
   * applies these to the profile named by AWS_PROFILE, so the layer passes the result as the
   * client's `endpoint` and turns the SDK's own lookup off.
   */
  endpointUrl(name: string, service: EndpointService = 'workspaces'): string | undefined {
    const d = this.section(name) ?? {};
    if (truthy(this.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) || truthy(d.ignore_configured_endpoint_urls)) {
      return undefined;
    }
    const keys = ENDPOINT_KEYS[service];
    const fromEnv = this.env[keys.env] || this.env.AWS_ENDPOINT_URL;
    if (fromEnv) return fromEnv;
    const services = d.services ? this.services(d.services) : undefined;
    for (const key of keys.services) {
      const url = services?.[`${key}.endpoint_url`];
      if (url) return url;
    }
    return d.endpoint_url || undefined;
  }

  /** The first profile in the source_profile chain that holds the SSO settings (for the hint). */
  ssoProfileInChain(name: string): string | undefined {
    const seen = new Set<string>();
    for (let cur: string | undefined = name; cur && !seen.has(cur); cur = this.section(cur)?.source_profile) {
      seen.add(cur);
      if (this.kind(cur) === 'sso') return cur;
    }
    return undefined;
  }

  /** A source_profile in the chain that is defined nowhere, if any. */
  missingSourceProfile(name: string): string | undefined {
    const seen = new Set<string>();
    let cur: string | undefined = name;
    while (cur && !seen.has(cur)) {
      seen.add(cur);
      const src: string | undefined = this.section(cur)?.source_profile;
      if (src && !this.has(src)) return src;
      cur = src;
    }
    return undefined;
  }

  /** True when a profile in the chain uses credential_process. */
  usesProcess(name: string): boolean {
    return this.processProfileInChain(name) !== undefined;
  }

  /** The first profile in the source_profile chain that has a credential_process. */
  processProfileInChain(name: string): string | undefined {
    const seen = new Set<string>();
    for (let cur: string | undefined = name; cur && !seen.has(cur); cur = this.section(cur)?.source_profile) {
      seen.add(cur);
      if (this.section(cur)?.credential_process) return cur;
    }
    return undefined;
  }

  /**
   * Everything a profile's credentials depend on, secrets included: its sections in both files, its
   * sso-session and services sections, the source_profile chain. When only this changes (a token
   * refresher rewrote the keys), a reload drops the profile's memoized credentials and nothing
   * else: the next call signs with the new keys. Never stored or shown.
   */
  fingerprint(name: string): string {
    return JSON.stringify([...this.chainSettings(name, true), this.endpointUrl(name) ?? null]);
  }

  /**
   * sha256 of what decides where a profile's calls go and as whom, without any secret: for each
   * profile along the source_profile chain its config section, its sso-session and services
   * sections and, from the credentials file, the settings that name an identity (IDENTITY_SETTINGS);
   * then the endpoint and the region. It keys the persistent cache and decides that a profile
   * "changed" (its scopes re-listed, its cache entries dropped).
   *
   * A secret key, a session token or an expiration never enters it: token refreshers rewrite them
   * every few minutes (some every second), and a rotation changes nothing that cached API data
   * depends on. A long-term access key id (AKIA…) does: it names one IAM user, possibly of another
   * account. A temporary one (ASIA…) does not: STS hands out a new id with every session, so for
   * it only "temporary keys" enters the fingerprint and a new id is a rotation. Should rotated
   * temporary keys belong to another account, the scope's account is re-checked at its next
   * listing (the directories' IamRoleId, bound with AwsLayer.bindAccount).
   */
  settingsFingerprint(name: string): string {
    const parts = [
      ...this.chainSettings(name, false),
      this.endpointUrl(name) ?? null,
      this.section(name)?.region ?? null,
    ];
    return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  }

  /** Per profile along the source_profile chain: its sections, with or without the secrets. */
  private chainSettings(name: string, secrets: boolean): unknown[] {
    const parts: unknown[] = [];
    const seen = new Set<string>();
    for (let cur: string | undefined = name; cur && !seen.has(cur); cur = this.section(cur)?.source_profile) {
      seen.add(cur);
      const c = this.configFile[cur];
      const k = this.credentialsFile[cur];
      const d = this.section(cur) ?? {};
      const sso = d.sso_session ? this.ssoSession(d.sso_session) : undefined;
      const services = d.services ? this.services(d.services) : undefined;
      parts.push(
        secrets
          ? [cur, c, k, sso ?? null, services ?? null]
          : [
              cur,
              c ? sorted(c) : null,
              k ? sorted(k, IDENTITY_SETTINGS) : null,
              sso ? sorted(sso) : null,
              services ? sorted(services) : null,
            ],
      );
    }
    return parts;
  }

  /**
   * The account a profile's calls are made in, when its settings say so: sso_account_id, the
   * account of its role_arn (the role the calls are made as), or aws_account_id. Undefined
   * otherwise (static keys without aws_account_id, credential_process): learnt from the API.
   */
  accountId(name: string): string | undefined {
    const d = this.section(name) ?? {};
    const role = d.role_arn ? /^arn:aws[\w-]*:iam::(\d{12}):/.exec(d.role_arn)?.[1] : undefined;
    const id = role ?? (d.role_arn ? undefined : (d.sso_account_id ?? d.aws_account_id));
    return id && /^\d{12}$/.test(id.trim()) ? id.trim() : undefined;
  }

  info(name: string): ProfileInfo | undefined {
    const d = this.section(name);
    if (!d) return undefined;
    const inConfig = this.configFile[name] !== undefined;
    const inCreds = this.credentialsFile[name] !== undefined;
    const info: ProfileInfo = {
      name,
      kind: this.kind(name),
      source: inConfig && inCreds ? 'both' : inConfig ? 'config' : 'credentials',
      isDefault: name === this.defaultProfile,
      settingsFingerprint: this.settingsFingerprint(name),
    };
    if (d.region) info.region = d.region;
    if (d.sso_session) info.ssoSession = d.sso_session;
    const endpoint = this.endpointUrl(name);
    if (endpoint) info.endpointUrl = endpoint;
    const account = this.accountId(name);
    if (account) info.accountId = account;
    return info;
  }

  /** True when the environment carries credentials the default provider chain would use. */
  envHasCredentials(): boolean {
    const e = this.env;
    return Boolean(
      (e.AWS_ACCESS_KEY_ID && e.AWS_SECRET_ACCESS_KEY) ||
      e.AWS_CONTAINER_CREDENTIALS_FULL_URI ||
      e.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI ||
      e.AWS_WEB_IDENTITY_TOKEN_FILE,
    );
  }

  /** The endpoint of the environment pseudo-profile for a service (environment variables only). */
  envEndpointUrl(service: EndpointService = 'workspaces'): string | undefined {
    if (truthy(this.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS)) return undefined;
    return this.env[ENDPOINT_KEYS[service].env] || this.env.AWS_ENDPOINT_URL || undefined;
  }

  envInfo(): ProfileInfo {
    const region = this.env.AWS_REGION || this.env.AWS_DEFAULT_REGION;
    const endpoint = this.envEndpointUrl();
    // What picks the identity of the default provider chain, never a secret (the keys' secret,
    // the session token, AWS_CONTAINER_AUTHORIZATION_TOKEN, the web identity token's content stay
    // out). The environment is fixed for the process, so even a temporary access key id is kept
    // whole: a new one means VS Code was started with other credentials.
    const e = this.env;
    const profile = e.AWS_PROFILE;
    const settings = [
      e.AWS_ACCESS_KEY_ID ?? null,
      profile ?? null,
      profile && this.has(profile) ? this.settingsFingerprint(profile) : null,
      e.AWS_ROLE_ARN ?? null,
      e.AWS_ROLE_SESSION_NAME ?? null,
      e.AWS_WEB_IDENTITY_TOKEN_FILE ?? null,
      e.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI ?? null,
      e.AWS_CONTAINER_CREDENTIALS_FULL_URI ?? null,
      endpoint ?? null,
      region ?? null,
    ];
    const info: ProfileInfo = {
      name: ENV_PROFILE,
      kind: 'env',
      source: 'env',
      isDefault: false,
      settingsFingerprint: createHash('sha256').update(JSON.stringify(settings)).digest('hex'),
    };
    if (region) info.region = region;
    if (endpoint) info.endpointUrl = endpoint;
    return info;
  }

  /** Every profile (default first, then by name), plus the environment when it has credentials,
   *  then the accounts discovered through IAM Identity Center. */
  profiles(): ProfileInfo[] {
    const out = this.names()
      .map((n) => this.info(n))
      .filter((p): p is ProfileInfo => p !== undefined)
      .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name));
    if (this.envHasCredentials()) out.push(this.envInfo());
    for (const [name, d] of this.discovered) {
      const info = this.info(name);
      if (!info) continue;
      info.source = 'config';
      info.organization = {
        source: d.source.id,
        startUrl: d.source.startUrl,
        accountId: d.accountId,
        roleName: d.roleName,
        accountName: d.accountName,
        emailAddress: d.emailAddress,
      };
      out.push(info);
    }
    return out;
  }
}

/** Settings that are secrets wherever they appear (some people keep static keys in the config file). */
const SECRET_SETTINGS = new Set(['aws_secret_access_key', 'aws_session_token', 'aws_security_token']);

/**
 * The settings of a credentials-file section that say which identity and endpoint its calls use.
 * Token refreshers write their own keys there besides the secrets (x_security_token_expires,
 * x_principal_arn, aws_expiration, ...): they are left out, only these count.
 */
const IDENTITY_SETTINGS: ReadonlySet<string> = new Set([
  'aws_access_key_id',
  'aws_account_id',
  'role_arn',
  'source_profile',
  'credential_source',
  'external_id',
  'mfa_serial',
  'web_identity_token_file',
  'credential_process',
  'sso_session',
  'sso_start_url',
  'sso_region',
  'sso_account_id',
  'sso_role_name',
  'login_session',
  'region',
  'endpoint_url',
  'services',
  'ignore_configured_endpoint_urls',
  'use_fips_endpoint',
  'use_dualstack_endpoint',
]);

/** What an access key id says of the identity: a long-term key (AKIA…) names one IAM user; a
 *  temporary one (ASIA…) changes with every STS session (see settingsFingerprint). */
function keyIdentity(id: string | undefined): string | undefined {
  return id !== undefined && /^ASIA/i.test(id.trim()) ? 'temporary keys (ASIA…)' : id;
}

/**
 * A section's non-secret settings (only `keep`'s, when given) in a stable order (the fingerprint
 * must not depend on line order), the access key id as keyIdentity() says, expirations left out.
 */
function sorted(section: Section, keep?: ReadonlySet<string>): Array<[string, string | undefined]> {
  return Object.entries(section)
    .filter(([k]) => {
      const key = k.toLowerCase();
      return !SECRET_SETTINGS.has(key) && !/expir/.test(key) && (!keep || keep.has(key));
    })
    .map(([k, v]): [string, string | undefined] => [k, k.toLowerCase() === 'aws_access_key_id' ? keyIdentity(v) : v])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
