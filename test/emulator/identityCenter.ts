/**
 * An IAM Identity Center for the emulator: the organisation's accounts (the seed's, plus extra ones),
 * a directory of users, permission sets (role names) and assignments (user × account × role), and
 * the state behind its two APIs (see sso.ts for their HTTP side):
 * - the SSO portal (botocore's `sso` 2019-06-10, rest-json, bearer token `x-amz-sso_bearer_token`):
 *   ListAccounts, ListAccountRoles, GetRoleCredentials, Logout;
 * - SSO OIDC (botocore's `sso-oidc` 2019-06-10, rest-json): RegisterClient,
 *   StartDeviceAuthorization and CreateToken (the device code grant `aws sso login` uses, and the
 *   refresh token grant of the SDK's token provider).
 *
 * Time: access tokens, sessions, registrations and the credentials GetRoleCredentials hands out
 * expire by the wall clock (SYSTEM_CLOCK, as sts.ts's: the SDK judges a token's `expiresAt` and a
 * credential's `expiration` by Date.now()); the device flow's `expiresIn` and `interval` are
 * durations (performance.now()).
 *
 * What AWS does not document, or what could not be confirmed, is named where it is modelled (the
 * portal's quota, default page sizes, token lifetimes, some error messages).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYSTEM_CLOCK, type Clock } from '../../src/core/clock';
import { Pager } from './paging';
import { Quotas, type QuotaOptions } from './quota';
import { createRng } from './rng';
import type { EmulatedAccount } from './types';

/**
 * The portal's quota per user. AWS documents none for the portal API (ListAccountRoles answers
 * TooManyRequestsException 429 to tools that list hundreds of accounts quickly: granted #458, #811):
 * this is a guess, a token bucket of 20 with 20 a second, configurable.
 */
export const PORTAL_QUOTA: QuotaOptions = { rate: 20, burst: 20 };

/** What a permission set allows in the WorkSpaces and CloudWatch APIs of an account. */
export type Access = 'full' | 'read' | 'none';

export interface PermissionSet {
  /** The role name ListAccountRoles shows and GetRoleCredentials takes. */
  name: string;
  /** full: every call; read: Describe/Get/List only; none: every WorkSpaces and CloudWatch call denied. */
  access: Access;
  /** The lifetime of the credentials of GetRoleCredentials (a permission set's session duration; AWS's default 1 h). */
  sessionSeconds: number;
}

export const PERMISSION_SETS: readonly PermissionSet[] = [
  { name: 'WorkSpacesAdmin', access: 'full', sessionSeconds: 3600 },
  { name: 'ReadOnly', access: 'read', sessionSeconds: 3600 },
  { name: 'Billing', access: 'none', sessionSeconds: 3600 },
];

/** Has WorkSpacesAdmin in every account of the organisation, ReadOnly in the first three, Billing in the first. */
export const ADMIN_USER = 'admin@example.com';
/** Has ReadOnly in the second account only (sandbox-dev in the demo seed). */
export const DEVELOPER_USER = 'developer@example.com';
/** In the directory, assigned nothing. */
export const NEWCOMER_USER = 'newcomer@example.com';

/** The only scope the portal knows (sso_registration_scopes of an sso-session). */
export const ACCOUNT_ACCESS_SCOPE = 'sso:account:access';
export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
export const REFRESH_TOKEN_GRANT = 'refresh_token';

export interface IdentityCenterOptions {
  /** Accounts of the organisation besides the seed's (named finance-prod, hr-dev, …). Default 0. */
  accounts?: number;
  /** Regions seeded in those accounts (their worlds). Default ['us-east-1']. */
  regions?: string[];
  /** How many of the extra accounts have WorkSpaces (the first ones). Default ⌈accounts / 10⌉. */
  withWorkspaces?: number;
  /** WorkSpaces per region in each of those. Default 8. */
  workspaces?: number;
  /** In how many of `regions` (the first ones) those accounts have WorkSpaces. Default all. */
  workspacesRegions?: number;
  /** The Identity Center's region (an sso-session's sso_region). Default 'us-east-1'. */
  region?: string;
  /** The portal's quota per user (see PORTAL_QUOTA); `false` turns it off. */
  quota?: QuotaOptions | false;
  /**
   * Lifetime of an access token of a client registered with scopes (which also gets a refresh token).
   * Default 3600 s. Not documented by AWS; the SDK refreshes 5 minutes before the end.
   */
  accessTokenSeconds?: number;
  /**
   * The sign-in session (AWS's default 8 h): refresh tokens work until it ends; a client registered
   * without scopes (the legacy sso_start_url profiles) gets one access token for all of it.
   */
  sessionSeconds?: number;
  /** StartDeviceAuthorization's expiresIn. Default 600 s (what AWS answers). */
  deviceCodeSeconds?: number;
  /** StartDeviceAuthorization's interval (polling faster is SlowDownException). Default 1 s (what AWS answers). */
  intervalSeconds?: number;
  /** How long a client registration lasts (clientSecretExpiresAt). Default 90 days. */
  registrationSeconds?: number;
}

/** An account as ListAccounts shows it. */
export interface OrgAccount {
  accountId: string;
  accountName: string;
  emailAddress: string;
}

/** An access token handed out (issueToken, or the device flow), with what a token cache file holds. */
export interface SsoTokenGrant {
  user: string;
  accessToken: string;
  /** ms since the epoch (wall clock). */
  expiresAt: number;
  refreshToken: string;
  clientId: string;
  clientSecret: string;
  /** ms since the epoch (wall clock). */
  registrationExpiresAt: number;
}

/** A service error of the portal or of OIDC: its shape name, HTTP status, and OAuth error code (OIDC). */
export class SsoError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** OIDC's `error` member (authorization_pending, …); the portal's errors have none. */
    readonly oauth?: string,
  ) {
    super(message);
  }
}

const PORTAL_UNAUTHORIZED = 'Session token not found or invalid';

function unauthorized(): SsoError {
  return new SsoError('UnauthorizedException', PORTAL_UNAUTHORIZED, 401);
}

function invalidRequest(message: string): SsoError {
  return new SsoError('InvalidRequestException', message, 400);
}

/** OIDC's errors: `{ error, error_description }`, HTTP 400 but InvalidClientException (401) and InternalServerException (500). */
function oidcError(code: string, oauth: string, description: string): SsoError {
  const status = code === 'InvalidClientException' ? 401 : code === 'InternalServerException' ? 500 : 400;
  return new SsoError(code, description, status, oauth);
}

const badRequest = (): SsoError => oidcError('InvalidRequestException', 'invalid_request', 'Invalid request');
const invalidGrant = (): SsoError => oidcError('InvalidGrantException', 'invalid_grant', 'Invalid grant provided');
const invalidClient = (): SsoError => oidcError('InvalidClientException', 'invalid_client', 'Invalid client provided');

/** Default page size of ListAccounts / ListAccountRoles: not documented; 20 is what clients that do not page see (Leapp #57). */
export const DEFAULT_PAGE_SIZE = 20;

const UNITS = ['finance', 'hr', 'sales', 'marketing', 'research', 'legal', 'support', 'platform', 'data', 'security'];
const STAGES = ['prod', 'dev', 'test', 'dr', 'sandbox'];

/** The name of the i-th extra account: finance-prod, hr-prod, …, finance-dev, …; a number once they run out. */
export function extraAccountName(i: number): string {
  const unit = UNITS[i % UNITS.length];
  const stage = STAGES[Math.floor(i / UNITS.length) % STAGES.length];
  const round = Math.floor(i / (UNITS.length * STAGES.length));
  return `${unit}-${stage}${round > 0 ? `-${round + 1}` : ''}`;
}

/** The i-th extra account: id 5000000000NN, deterministic keys (none of a seed's: their ids differ). */
export function extraAccount(i: number, regions: string[], rngSeed: number): EmulatedAccount {
  const accountId = String(500000000001 + i);
  const rng = createRng(`org-keys/${rngSeed}/${accountId}`);
  return {
    profile: extraAccountName(i),
    accountId,
    accessKeyId: `AKIAEMUORG${accountId.slice(-10)}`,
    secretAccessKey: rng.chars(40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'),
    regions: [...regions],
  };
}

interface Client {
  clientId: string;
  clientSecret: string;
  clientName: string;
  scopes: string[];
  /** ms (wall clock). */
  issuedAt: number;
  secretExpiresAt: number;
}

interface Session {
  user: string;
  clientId: string;
  /** ms (wall clock): refresh tokens stop working then. */
  endsAt: number;
  ended: boolean;
  refreshToken?: string;
}

interface AccessToken {
  token: string;
  user: string;
  session: Session;
  /** ms (wall clock). */
  expiresAt: number;
}

type DeviceState = 'pending' | 'approved' | 'denied' | 'redeemed';

interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  clientId: string;
  clientName: string;
  /** performance.now() deadlines. */
  expiresMono: number;
  intervalMs: number;
  lastPollMono?: number;
  state: DeviceState;
  user?: string;
}

/** A device authorization as the approval page shows it. */
export interface PendingAuthorization {
  userCode: string;
  clientName: string;
  state: DeviceState | 'expired';
}

/** Temporary credentials of a role, made by the emulator's STS (the account's own keys otherwise). */
export type CredentialIssuer = (
  accountId: string,
  durationSeconds: number,
  principal: { roleName: string; user: string; access: Access },
) => { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: number };

const USER_CODE_CHARS = 'BCDFGHJKLMNPQRSTVWXZ';

function token(prefix: string, bytes: number): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

function userCode(): string {
  const b = randomBytes(8);
  const c = [...b].map((x) => USER_CODE_CHARS[x % USER_CODE_CHARS.length]).join('');
  return `${c.slice(0, 4)}-${c.slice(4)}`;
}

function portalQuota(q: QuotaOptions | false | undefined): QuotaOptions {
  if (q === undefined) return { ...PORTAL_QUOTA };
  if (q === false) return { rate: 0, burst: PORTAL_QUOTA.burst };
  return { rate: Math.max(0, q.rate), burst: Math.max(1, q.burst) };
}

function seconds(v: number | undefined, fallback: number): number {
  return v === undefined ? fallback : Math.max(0, v);
}

/** The ISO form the AWS CLI writes in its token cache (no milliseconds). */
function cliTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class IdentityCenter {
  readonly region: string;
  private readonly accessTokenMs: number;
  private readonly sessionMs: number;
  private readonly deviceCodeMs: number;
  private readonly intervalMs: number;
  private readonly registrationMs: number;
  private readonly directory = new Set<string>([ADMIN_USER, DEVELOPER_USER, NEWCOMER_USER]);
  /** user → accountId → role names. */
  private assignments = new Map<string, Map<string, Set<string>>>();
  private org: OrgAccount[] = [];
  private readonly permissionSets = new Map(PERMISSION_SETS.map((p) => [p.name, { ...p }]));
  private readonly clients = new Map<string, Client>();
  private readonly tokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, Session>();
  private readonly devices = new Map<string, DeviceAuthorization>();
  private readonly byUserCode = new Map<string, DeviceAuthorization>();
  private readonly pager = new Pager();
  private readonly quotas: Quotas;

  constructor(
    opts: IdentityCenterOptions,
    /** The emulator's base URL (known once it listens). */
    private readonly baseUrl: () => string,
    private readonly issue: CredentialIssuer,
    private readonly wall: Clock = SYSTEM_CLOCK,
    private readonly monotonic: () => number = () => performance.now(),
  ) {
    this.region = opts.region ?? 'us-east-1';
    this.accessTokenMs = seconds(opts.accessTokenSeconds, 3600) * 1000;
    this.sessionMs = seconds(opts.sessionSeconds, 8 * 3600) * 1000;
    this.deviceCodeMs = seconds(opts.deviceCodeSeconds, 600) * 1000;
    this.intervalMs = seconds(opts.intervalSeconds, 1) * 1000;
    this.registrationMs = seconds(opts.registrationSeconds, 90 * 86400) * 1000;
    this.quotas = new Quotas(portalQuota(opts.quota));
  }

  /** Changes the portal's quota (one bucket per user); `false` or `{ rate: 0 }` turns it off. */
  setQuota(q: QuotaOptions | false): void {
    this.quotas.set(portalQuota(q));
  }

  /** The portal's quota in force (rate 0 = off). */
  quota(): QuotaOptions {
    return this.quotas.options;
  }

  /** Takes a token from the user's bucket: false = TooManyRequestsException. */
  take(user: string): boolean {
    return this.quotas.take(user, 'portal');
  }

  /** Full buckets again (the emulator's reset). */
  refillQuota(): void {
    this.quotas.clear();
  }

  /** The AWS access portal URL (an sso-session's sso_start_url); StartDeviceAuthorization wants it. */
  get startUrl(): string {
    return `${this.baseUrl()}/start`;
  }

  /** Where the device flow sends the person (the approval page). */
  get verificationUri(): string {
    return `${this.baseUrl()}/__emulator/sso/device`;
  }

  /**
   * The environment variables that point the SDK's clients (and the AWS CLI's) at the emulator:
   * the SSO portal and SSO OIDC (the SDK's fromSSO and token refresh make their own clients, whose
   * endpoint comes from these or from the `services` section of the AWS_PROFILE / [default]
   * profile, never from the profile being resolved), and WorkSpaces, CloudWatch and STS for the
   * clients of a discovered account, which has no profile and so no endpoint_url. Service-specific
   * variables win over a profile's endpoint_url; every one of them names the emulator.
   */
  endpointEnv(): Record<
    | 'AWS_ENDPOINT_URL_SSO'
    | 'AWS_ENDPOINT_URL_SSO_OIDC'
    | 'AWS_ENDPOINT_URL_WORKSPACES'
    | 'AWS_ENDPOINT_URL_CLOUDWATCH'
    | 'AWS_ENDPOINT_URL_STS',
    string
  > {
    const url = this.baseUrl();
    return {
      AWS_ENDPOINT_URL_SSO: url,
      AWS_ENDPOINT_URL_SSO_OIDC: url,
      AWS_ENDPOINT_URL_WORKSPACES: url,
      AWS_ENDPOINT_URL_CLOUDWATCH: url,
      AWS_ENDPOINT_URL_STS: url,
    };
  }

  /** The accounts of the organisation (every account ListAccounts can show), in ListAccounts' order. */
  accounts(): OrgAccount[] {
    return this.org.map((a) => ({ ...a }));
  }

  users(): string[] {
    return [...this.directory];
  }

  addUser(email: string): void {
    this.directory.add(email);
  }

  permissionSet(name: string): PermissionSet | undefined {
    const p = this.permissionSets.get(name);
    return p && { ...p };
  }

  /** Adds a permission set or changes one (its access, its session duration). */
  setPermissionSet(p: PermissionSet): void {
    this.permissionSets.set(p.name, { ...p });
  }

  /** Gives `user` the role (permission set) `roleName` in the account. */
  assign(user: string, accountId: string, roleName: string): void {
    if (!this.directory.has(user)) throw new Error(`unknown user '${user}'`);
    if (!this.org.some((a) => a.accountId === accountId)) throw new Error(`unknown account '${accountId}'`);
    if (!this.permissionSets.has(roleName)) throw new Error(`unknown permission set '${roleName}'`);
    let byAccount = this.assignments.get(user);
    if (!byAccount) {
      byAccount = new Map();
      this.assignments.set(user, byAccount);
    }
    let roles = byAccount.get(accountId);
    if (!roles) {
      roles = new Set();
      byAccount.set(accountId, roles);
    }
    roles.add(roleName);
  }

  unassign(user: string, accountId: string, roleName?: string): void {
    const byAccount = this.assignments.get(user);
    if (!byAccount) return;
    if (roleName === undefined) byAccount.delete(accountId);
    else byAccount.get(accountId)?.delete(roleName);
    if (byAccount.get(accountId)?.size === 0) byAccount.delete(accountId);
  }

  /** The role names of a user in an account (sorted). */
  rolesOf(user: string, accountId: string): string[] {
    return [...(this.assignments.get(user)?.get(accountId) ?? [])].sort();
  }

  /**
   * The organisation becomes these accounts, with the default assignments (see ADMIN_USER,
   * DEVELOPER_USER): the emulator calls it on reset. Tokens and registrations stay valid.
   */
  setOrganisation(accounts: readonly EmulatedAccount[]): void {
    this.org = accounts
      .map((a) => ({ accountId: a.accountId, accountName: a.profile, emailAddress: `aws+${a.profile}@example.com` }))
      .sort((a, b) => (a.accountId < b.accountId ? -1 : 1));
    this.assignments = new Map();
    this.org.forEach((a, i) => {
      this.assign(ADMIN_USER, a.accountId, 'WorkSpacesAdmin');
      if (i < 3) this.assign(ADMIN_USER, a.accountId, 'ReadOnly');
      if (i === 0) this.assign(ADMIN_USER, a.accountId, 'Billing');
      if (i === 1) this.assign(DEVELOPER_USER, a.accountId, 'ReadOnly');
    });
  }

  /**
   * A signed-in user's access token (as if the device flow had run, through a client registered
   * with the sso:account:access scope), with its refresh token and registration: what a token cache
   * file holds. `expiresInMs` (default the access token lifetime) counts from now, wall clock.
   */
  issueToken(user: string = ADMIN_USER, opts: { expiresInMs?: number } = {}): SsoTokenGrant {
    if (!this.directory.has(user)) throw new Error(`unknown user '${user}'`);
    const client = this.register('emulator-tests', [ACCOUNT_ACCESS_SCOPE]);
    const session = this.openSession(user, client);
    const t = this.mint(session, opts.expiresInMs ?? this.accessTokenMs);
    return this.grantOf(t, client);
  }

  /** Makes an access token expired now (its session, and so its refresh token, stays valid). */
  expireToken(accessToken: string): void {
    const t = this.tokens.get(accessToken);
    if (!t) throw new Error('unknown access token');
    t.expiresAt = this.wall.now() - 1;
  }

  /** Ends the sign-in session of a token: every access token of it and its refresh token stop working. */
  endSession(accessToken: string): void {
    const t = this.tokens.get(accessToken);
    if (!t) throw new Error('unknown access token');
    t.session.ended = true;
  }

  /**
   * The AWS CLI's token cache file of an sso-session (`<home>/.aws/sso/cache/<sha1 of the session
   * name>.json`, what @smithy/core's getSSOTokenFromFile and botocore's SSOTokenLoader read): returns
   * its path. For a legacy profile (sso_start_url, no sso_session) pass `cacheKey: startUrl`.
   */
  writeTokenCache(home: string, grant: SsoTokenGrant, opts: { session?: string; cacheKey?: string } = {}): string {
    const key = opts.cacheKey ?? opts.session ?? 'corp';
    const dir = join(home, '.aws', 'sso', 'cache');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${createHash('sha1').update(key).digest('hex')}.json`);
    writeFileSync(file, JSON.stringify(this.tokenCache(grant), null, 2));
    return file;
  }

  /** The contents of a token cache file (the CLI's keys, times as ISO 8601 UTC). */
  tokenCache(grant: SsoTokenGrant): Record<string, string> {
    return {
      startUrl: this.startUrl,
      region: this.region,
      accessToken: grant.accessToken,
      expiresAt: cliTime(grant.expiresAt),
      clientId: grant.clientId,
      clientSecret: grant.clientSecret,
      registrationExpiresAt: cliTime(grant.registrationExpiresAt),
      refreshToken: grant.refreshToken,
    };
  }

  /** The device authorization of a user code (the approval page), or undefined. */
  pending(code: string): PendingAuthorization | undefined {
    const d = this.byUserCode.get(code.trim().toUpperCase());
    if (!d) return undefined;
    const expired = d.state === 'pending' && this.monotonic() >= d.expiresMono;
    return { userCode: d.userCode, clientName: d.clientName, state: expired ? 'expired' : d.state };
  }

  /** The person approves the device authorization of `code` (the approval page's Approve button), signed in as `user`. */
  approve(code: string, user: string = ADMIN_USER): void {
    const d = this.pendingDevice(code);
    if (!this.directory.has(user)) throw new Error(`unknown user '${user}'`);
    d.state = 'approved';
    d.user = user;
  }

  /** The person denies it (the Deny button): CreateToken answers AccessDeniedException. */
  deny(code: string): void {
    this.pendingDevice(code).state = 'denied';
  }

  /** Makes a device code expired now (CreateToken answers ExpiredTokenException) without waiting for expiresIn. */
  expireDeviceCode(code: string): void {
    this.device(code).expiresMono = this.monotonic();
  }

  private device(code: string): DeviceAuthorization {
    const d = this.byUserCode.get(code.trim().toUpperCase());
    if (!d) throw new Error(`unknown user code '${code}'`);
    return d;
  }

  private pendingDevice(code: string): DeviceAuthorization {
    const d = this.device(code);
    if (d.state !== 'pending' || this.monotonic() >= d.expiresMono) {
      throw new Error(`the authorization of '${code}' is no longer pending (${this.pending(code)?.state})`);
    }
    return d;
  }

  // --------------------------------------------------------------------------------------------
  // The portal. Every operation starts with the bearer token.

  /** The user of a valid access token; UnauthorizedException (401) for a missing, unknown, expired or logged-out one. */
  authorize(accessToken: string | undefined): string {
    const t = accessToken === undefined ? undefined : this.tokens.get(accessToken);
    if (!t || t.session.ended || t.expiresAt <= this.wall.now()) throw unauthorized();
    return t.user;
  }

  listAccounts(user: string, q: { maxResults?: number; nextToken?: string }): Record<string, unknown> {
    const mine = this.org.filter((a) => (this.assignments.get(user)?.get(a.accountId)?.size ?? 0) > 0);
    const page = this.page({ op: 'ListAccounts', user }, mine, (a) => a.accountId, q);
    return { accountList: page.items.map((a) => ({ ...a })), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
  }

  /**
   * An account the user has no role in (or no account of the organisation) is ResourceNotFoundException
   * (404): the model lists it; what AWS answers there could not be confirmed.
   */
  listAccountRoles(
    user: string,
    q: { accountId?: string; maxResults?: number; nextToken?: string },
  ): Record<string, unknown> {
    const accountId = q.accountId;
    if (accountId === undefined || accountId === '') throw invalidRequest('account_id is required');
    const roles = this.rolesOf(user, accountId);
    if (roles.length === 0) throw new SsoError('ResourceNotFoundException', 'Account not found', 404);
    const page = this.page({ op: 'ListAccountRoles', user, accountId }, roles, (r) => r, q);
    return {
      roleList: page.items.map((roleName) => ({ roleName, accountId })),
      ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    };
  }

  /**
   * The role's temporary credentials in the account (expiration in epoch ms). A role the user has
   * no assignment for, or an account that is not theirs, is what AWS answers there and its model
   * does not list: ForbiddenException "No access", HTTP 403 (the body
   * `{"message":"No access","__type":"com.amazonaws.switchboard.portal#ForbiddenException"}` is
   * reported by users of the CLI and the SDKs).
   */
  getRoleCredentials(user: string, q: { accountId?: string; roleName?: string }): Record<string, unknown> {
    if (!q.accountId || !q.roleName) throw invalidRequest(`${q.accountId ? 'role_name' : 'account_id'} is required`);
    const p = this.permissionSets.get(q.roleName);
    if (!p || !this.rolesOf(user, q.accountId).includes(q.roleName)) {
      throw new SsoError('ForbiddenException', 'No access', 403);
    }
    const c = this.issue(q.accountId, p.sessionSeconds, { roleName: p.name, user, access: p.access });
    return {
      roleCredentials: {
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        sessionToken: c.sessionToken,
        expiration: c.expiration,
      },
    };
  }

  /** Ends the sign-in session of the token (its access tokens and refresh token). Credentials already issued stay valid, as AWS documents. */
  logout(accessToken: string | undefined): void {
    this.authorize(accessToken);
    this.tokens.get(accessToken!)!.session.ended = true;
  }

  private page<T>(
    binding: Record<string, string>,
    items: readonly T[],
    keyOf: (t: T) => string,
    q: { maxResults?: number; nextToken?: string },
  ): { items: T[]; nextToken?: string } {
    const max = q.maxResults ?? DEFAULT_PAGE_SIZE;
    // What AWS answers out of range (aws-sso-cli #1342).
    if (!Number.isInteger(max) || max < 1 || max > 100) {
      throw invalidRequest('ResultSize parameter must be within the valid limits of: 1-100');
    }
    if (q.nextToken !== undefined && this.pager.open(binding, q.nextToken) === undefined) {
      throw invalidRequest('Invalid nextToken');
    }
    return this.pager.page(binding, items, keyOf, max, q.nextToken);
  }

  // --------------------------------------------------------------------------------------------
  // OIDC.

  registerClient(p: Record<string, unknown>): Record<string, unknown> {
    const name = p.clientName;
    const type = p.clientType;
    if (typeof name !== 'string' || name === '' || typeof type !== 'string') {
      throw badRequest();
    }
    if (type !== 'public') {
      throw oidcError('InvalidClientMetadataException', 'invalid_client_metadata', 'Invalid client metadata');
    }
    const scopes = p.scopes === undefined ? [] : p.scopes;
    if (!Array.isArray(scopes) || scopes.some((s) => s !== ACCOUNT_ACCESS_SCOPE)) {
      throw oidcError('InvalidScopeException', 'invalid_scope', 'Invalid scope provided');
    }
    const c = this.register(name, scopes as string[]);
    return {
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      clientIdIssuedAt: Math.floor(c.issuedAt / 1000),
      clientSecretExpiresAt: Math.floor(c.secretExpiresAt / 1000),
    };
  }

  startDeviceAuthorization(p: Record<string, unknown>): Record<string, unknown> {
    const client = this.client(p);
    const startUrl = p.startUrl;
    if (typeof startUrl !== 'string') throw badRequest();
    if (startUrl.replace(/[/#]+$/, '') !== this.startUrl) {
      // Not confirmed: what AWS answers for another instance's start URL.
      throw oidcError('InvalidRequestException', 'invalid_request', 'Invalid start url');
    }
    let code = userCode();
    while (this.byUserCode.has(code)) code = userCode();
    const d: DeviceAuthorization = {
      deviceCode: token('', 64),
      userCode: code,
      clientId: client.clientId,
      clientName: client.clientName,
      expiresMono: this.monotonic() + this.deviceCodeMs,
      intervalMs: this.intervalMs,
      state: 'pending',
    };
    this.devices.set(d.deviceCode, d);
    this.byUserCode.set(d.userCode, d);
    return {
      deviceCode: d.deviceCode,
      userCode: d.userCode,
      verificationUri: this.verificationUri,
      verificationUriComplete: `${this.verificationUri}?user_code=${encodeURIComponent(d.userCode)}`,
      expiresIn: Math.round(this.deviceCodeMs / 1000),
      interval: Math.round(this.intervalMs / 1000),
    };
  }

  createToken(p: Record<string, unknown>): Record<string, unknown> {
    const client = this.client(p);
    if (p.grantType === DEVICE_CODE_GRANT) return this.redeemDeviceCode(client, p.deviceCode);
    if (p.grantType === REFRESH_TOKEN_GRANT) return this.refresh(client, p.refreshToken);
    if (typeof p.grantType !== 'string') {
      throw badRequest();
    }
    throw oidcError('UnsupportedGrantTypeException', 'unsupported_grant_type', 'Unsupported grant type');
  }

  private redeemDeviceCode(client: Client, deviceCode: unknown): Record<string, unknown> {
    const d = typeof deviceCode === 'string' ? this.devices.get(deviceCode) : undefined;
    if (!d || d.clientId !== client.clientId || d.state === 'redeemed') throw invalidGrant();
    const now = this.monotonic();
    if (now >= d.expiresMono) throw oidcError('ExpiredTokenException', 'expired_token', 'Device code has expired');
    if (d.state === 'denied') throw oidcError('AccessDeniedException', 'access_denied', 'Access denied');
    if (d.state === 'pending') {
      // Polled sooner than `interval` after the previous poll. (RFC 8628 lets a server raise the
      // interval by 5 s after slow_down, as the AWS CLI does on its side; not modelled.)
      const tooSoon = d.lastPollMono !== undefined && now - d.lastPollMono < d.intervalMs;
      d.lastPollMono = now;
      if (tooSoon) throw oidcError('SlowDownException', 'slow_down', 'Client is polling too quickly');
      throw oidcError('AuthorizationPendingException', 'authorization_pending', 'Authorization is still pending');
    }
    d.state = 'redeemed';
    const session = this.openSession(d.user!, client);
    return this.tokenAnswer(session, client);
  }

  private refresh(client: Client, refreshToken: unknown): Record<string, unknown> {
    const session = typeof refreshToken === 'string' ? this.refreshTokens.get(refreshToken) : undefined;
    if (!session || session.clientId !== client.clientId || session.ended || session.endsAt <= this.wall.now()) {
      throw invalidGrant();
    }
    // A refresh token is used once: the answer carries the next one (the SDK writes it to the cache).
    // Not confirmed: whether AWS keeps the old one valid for a while.
    this.refreshTokens.delete(refreshToken as string);
    return this.tokenAnswer(session, client);
  }

  private tokenAnswer(session: Session, client: Client): Record<string, unknown> {
    const withRefresh = client.scopes.length > 0;
    const lifetime = withRefresh ? Math.min(this.accessTokenMs, session.endsAt - this.wall.now()) : this.sessionMs;
    const t = this.mint(session, lifetime);
    if (withRefresh) {
      session.refreshToken = token('aor', 96);
      this.refreshTokens.set(session.refreshToken, session);
    }
    return {
      accessToken: t.token,
      tokenType: 'Bearer',
      expiresIn: Math.floor(lifetime / 1000),
      ...(withRefresh ? { refreshToken: session.refreshToken } : {}),
    };
  }

  /** The client of a request's clientId and clientSecret: InvalidClientException (401) otherwise. */
  private client(p: Record<string, unknown>): Client {
    const c = typeof p.clientId === 'string' ? this.clients.get(p.clientId) : undefined;
    if (!c || p.clientSecret !== c.clientSecret || c.secretExpiresAt <= this.wall.now()) throw invalidClient();
    return c;
  }

  private register(clientName: string, scopes: string[]): Client {
    const issuedAt = this.wall.now();
    const c: Client = {
      clientId: token('', 24),
      clientSecret: `eyJraWQiOiJrZXktMTU2NDAyODA5OSIsImFsZyI6IkhTMzg0In0.${token('', 192)}`,
      clientName,
      scopes: [...scopes],
      issuedAt,
      secretExpiresAt: issuedAt + this.registrationMs,
    };
    this.clients.set(c.clientId, c);
    return c;
  }

  private openSession(user: string, client: Client): Session {
    return { user, clientId: client.clientId, endsAt: this.wall.now() + this.sessionMs, ended: false };
  }

  private mint(session: Session, lifetimeMs: number): AccessToken {
    const t: AccessToken = {
      token: token('aoa', 96),
      user: session.user,
      session,
      expiresAt: this.wall.now() + lifetimeMs,
    };
    this.tokens.set(t.token, t);
    return t;
  }

  private grantOf(t: AccessToken, client: Client): SsoTokenGrant {
    const refreshToken = token('aor', 96);
    t.session.refreshToken = refreshToken;
    this.refreshTokens.set(refreshToken, t.session);
    return {
      user: t.user,
      accessToken: t.token,
      expiresAt: t.expiresAt,
      refreshToken,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      registrationExpiresAt: client.secretExpiresAt,
    };
  }
}
