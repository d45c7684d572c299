// IAM Identity Center (SSO): the accounts and roles an organisation gives the person, read from the
// SSO portal with the token the AWS CLI's `aws sso login` caches (or one this extension gets
// through the SSO OIDC device flow, written to the same cache so the CLI shares it), and the
// credentials of each account and role (GetRoleCredentials). Never imports `vscode`.
//
// Sources: every `[sso-session NAME]` of the shared config, and every legacy profile with
// sso_start_url (no session). A source's token lives in ~/.aws/sso/cache/<sha1>.json (sha1 of the
// session name; of the start URL for a legacy profile), in the CLI's format.
//
// Why not the SDK's own providers here: fromSSO and the token providers read the token through
// process.env's HOME and a profile of the files, while the layer is given its environment (tests,
// other homes) and discovered accounts have no profile in the files; and one token read (and
// refresh) must serve fifty accounts. The calls themselves are the SDK's (@aws-sdk/client-sso,
// @aws-sdk/client-sso-oidc, their standard retries: 10 attempts on the portal, which throttles).
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  SSOClient,
  type AccountInfo,
} from '@aws-sdk/client-sso';
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { Clock } from '../core/clock';
import { AwsError, errorMessage } from '../core/errors';
import { limiter } from '../core/limiter';

/** Where the portal and OIDC calls of a source go (AWS's own endpoints unless configured). */
export interface SsoEndpoints {
  portal?: string;
  oidc?: string;
}

/** A place the person signs in to: an sso-session, or a legacy profile with sso_start_url. */
export interface SsoSource {
  /** The sso-session's name, or the legacy profile's name. */
  readonly id: string;
  readonly kind: 'session' | 'legacy';
  readonly startUrl: string;
  /** The Identity Center's region (sso_region). */
  readonly region: string;
  /** sso_registration_scopes (sessions), default sso:account:access. */
  readonly scopes: readonly string[];
  /** A profile that uses the source: discovered accounts take its region and endpoints. */
  readonly template?: string;
  readonly endpoints: SsoEndpoints;
}

/** The token of a source, as the CLI caches it. */
export interface SsoToken {
  readonly accessToken: string;
  /** ms since the epoch. */
  readonly expiresAt: number;
  readonly region: string;
  readonly startUrl: string;
  readonly refreshToken?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly registrationExpiresAt?: number;
}

/** An account the person may use, with the roles (permission sets) they may take in it. */
export interface OrgAccount {
  readonly accountId: string;
  readonly accountName?: string;
  readonly emailAddress?: string;
  readonly roles: readonly string[];
}

/** What a device sign-in shows the person (the page to open and the code to check). */
export interface DeviceCode {
  readonly verificationUri: string;
  readonly verificationUriComplete?: string;
  readonly userCode: string;
  /** Seconds the code is valid. */
  readonly expiresIn: number;
}

export interface IdentityCenterOptions {
  /** HOME (and the rest) to find ~/.aws/sso/cache in. */
  env: NodeJS.ProcessEnv;
  /** The clock tokens expire by (the wall clock: AWS's expiry times are real ones). */
  clock: Clock;
  userAgent: string;
  requestTimeoutMs?: number;
  /** ListAccountRoles calls at once (one per account). Default 4. */
  rolesConcurrency?: number;
}

/** A token closer to its expiry than this is refreshed first (as the SDK's token provider does). */
const REFRESH_WINDOW_MS = 5 * 60_000;
const PAGE = 100;
/** Attempts of a portal call (the SDK's standard retries; see portal()). */
export const PORTAL_ATTEMPTS = 10;

const sha1 = (s: string): string => createHash('sha1').update(s).digest('hex');
const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(new AwsError({ kind: 'cancelled', code: 'Cancelled', message: 'The sign-in was cancelled.' }));
      },
      { once: true },
    );
  });

function expiredError(source: SsoSource, missing: boolean, cause?: unknown): AwsError {
  return new AwsError({
    kind: 'credentials',
    code: missing ? 'SsoTokenMissing' : 'SsoTokenExpired',
    reason: missing ? 'ssoMissing' : 'ssoExpired',
    message: missing
      ? `Nobody has signed in to IAM Identity Center "${source.id}" (${source.startUrl}) on this machine yet.`
      : `The IAM Identity Center session "${source.id}" (${source.startUrl}) has expired.`,
    hint: `Sign in again (WorkSpaces Fleet: Sign In to IAM Identity Center, or \`aws sso login --sso-session ${source.id}\`), then refresh.`,
    cause,
  });
}

function isUnauthorized(e: unknown): boolean {
  const n = (e as { name?: string } | undefined)?.name;
  return n === 'UnauthorizedException' || n === 'InvalidGrantException' || n === 'ExpiredTokenException';
}

export class IdentityCenter {
  private readonly portals = new Map<string, SSOClient>();
  private readonly oidcs = new Map<string, SSOOIDCClient>();
  /** One token read (and refresh) at a time per source, shared by every account's credentials. */
  private readonly tokens = new Map<string, Promise<SsoToken>>();

  constructor(private readonly o: IdentityCenterOptions) {}

  /** The token cache file of a source (the CLI's). */
  tokenFile(source: SsoSource): string {
    const home = this.o.env.HOME || this.o.env.USERPROFILE || homedir();
    const key = source.kind === 'session' ? source.id : source.startUrl;
    return join(home, '.aws', 'sso', 'cache', `${sha1(key)}.json`);
  }

  /** The layer's request timeout for the portal and sign-in calls too (a hung portal is an error, not a wait). */
  private handlerOptions(): { requestTimeout: number; connectionTimeout: number; throwOnRequestTimeout: boolean } {
    return { requestTimeout: this.o.requestTimeoutMs ?? 30_000, connectionTimeout: 5_000, throwOnRequestTimeout: true };
  }

  private portal(source: SsoSource): SSOClient {
    const key = `${source.region}\u0000${source.endpoints.portal ?? ''}`;
    let c = this.portals.get(key);
    if (!c) {
      c = new SSOClient({
        region: source.region,
        customUserAgent: this.o.userAgent,
        requestHandler: this.handlerOptions(),
        // The portal throttles a user's calls (429 TooManyRequestsException; AWS documents no
        // quota), and discovery sends ListAccountRoles a few at a time, then GetRoleCredentials per
        // account: with the SDK's default 3 attempts one call throttled thrice failed the whole
        // organisation (a 50-account one, 2 runs in 3 of the org50x4 benchmark). 10 attempts of
        // its exponential backoff (up to 20 s each) let the calls through at the portal's pace.
        maxAttempts: PORTAL_ATTEMPTS,
        ...(source.endpoints.portal ? { endpoint: source.endpoints.portal } : {}),
      });
      this.portals.set(key, c);
    }
    return c;
  }

  private oidc(source: SsoSource): SSOOIDCClient {
    const key = `${source.region}\u0000${source.endpoints.oidc ?? ''}`;
    let c = this.oidcs.get(key);
    if (!c) {
      c = new SSOOIDCClient({
        region: source.region,
        customUserAgent: this.o.userAgent,
        requestHandler: this.handlerOptions(),
        ...(source.endpoints.oidc ? { endpoint: source.endpoints.oidc } : {}),
      });
      this.oidcs.set(key, c);
    }
    return c;
  }

  /** Reads the cached token (without refreshing); undefined when there is none for this start URL. */
  async cachedToken(source: SsoSource): Promise<SsoToken | undefined> {
    let raw: Record<string, unknown>;
    try {
      raw = JSON.parse(await readFile(this.tokenFile(source), 'utf8')) as Record<string, unknown>;
    } catch {
      return undefined;
    }
    const accessToken = raw.accessToken;
    const expiresAt = typeof raw.expiresAt === 'string' ? Date.parse(raw.expiresAt) : NaN;
    if (typeof accessToken !== 'string' || !Number.isFinite(expiresAt)) return undefined;
    // A token of another start URL (a session whose sso_start_url changed) is not this one's.
    if (typeof raw.startUrl === 'string' && raw.startUrl !== source.startUrl) return undefined;
    const str = (k: string): string | undefined => (typeof raw[k] === 'string' ? raw[k] : undefined);
    const regExp = str('registrationExpiresAt') ? Date.parse(str('registrationExpiresAt') as string) : NaN;
    return {
      accessToken,
      expiresAt,
      region: str('region') ?? source.region,
      startUrl: source.startUrl,
      ...(str('refreshToken') ? { refreshToken: str('refreshToken') } : {}),
      ...(str('clientId') ? { clientId: str('clientId') } : {}),
      ...(str('clientSecret') ? { clientSecret: str('clientSecret') } : {}),
      ...(Number.isFinite(regExp) ? { registrationExpiresAt: regExp } : {}),
    };
  }

  /** True when a token is there and not expired (no call). */
  async signedIn(source: SsoSource): Promise<boolean> {
    const t = await this.cachedToken(source);
    return t !== undefined && (t.expiresAt > this.o.clock.now() || this.refreshable(t));
  }

  private refreshable(t: SsoToken): boolean {
    return (
      t.refreshToken !== undefined &&
      t.clientId !== undefined &&
      t.clientSecret !== undefined &&
      (t.registrationExpiresAt ?? Infinity) > this.o.clock.now()
    );
  }

  /**
   * A valid token of the source: the cached one, refreshed (refresh_token grant) when it is about to
   * expire and can be. Throws AwsError 'credentials' (ssoMissing / ssoExpired) when the person must
   * sign in.
   */
  token(source: SsoSource): Promise<SsoToken> {
    const key = this.tokenFile(source);
    let p = this.tokens.get(key);
    if (!p) {
      p = this.readToken(source).finally(() => {
        if (this.tokens.get(key) === p) this.tokens.delete(key);
      });
      this.tokens.set(key, p);
    }
    return p;
  }

  private async readToken(source: SsoSource): Promise<SsoToken> {
    const t = await this.cachedToken(source);
    if (!t) throw expiredError(source, true);
    const now = this.o.clock.now();
    if (t.expiresAt - now > REFRESH_WINDOW_MS) return t;
    if (this.refreshable(t)) {
      try {
        const r = await this.oidc(source).send(
          new CreateTokenCommand({
            clientId: t.clientId,
            clientSecret: t.clientSecret,
            grantType: 'refresh_token',
            refreshToken: t.refreshToken,
          }),
        );
        if (r.accessToken) {
          const next: SsoToken = {
            ...t,
            accessToken: r.accessToken,
            expiresAt: this.o.clock.now() + (r.expiresIn ?? 3600) * 1000,
            ...(r.refreshToken ? { refreshToken: r.refreshToken } : {}),
          };
          await this.writeToken(source, next);
          return next;
        }
      } catch (e) {
        if (t.expiresAt <= now) throw expiredError(source, false, e);
      }
    }
    if (t.expiresAt > now) return t;
    throw expiredError(source, false);
  }

  /** Writes a token where the CLI keeps it (the same file `aws sso login` writes). */
  private async writeToken(source: SsoSource, t: SsoToken): Promise<void> {
    const file = this.tokenFile(source);
    const body: Record<string, string> = {
      startUrl: source.startUrl,
      region: source.region,
      accessToken: t.accessToken,
      expiresAt: new Date(t.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
    if (t.clientId) body.clientId = t.clientId;
    if (t.clientSecret) body.clientSecret = t.clientSecret;
    if (t.registrationExpiresAt !== undefined) {
      body.registrationExpiresAt = new Date(t.registrationExpiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
    if (t.refreshToken) body.refreshToken = t.refreshToken;
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(body, null, 2), { mode: 0o600 });
    await rename(tmp, file);
  }

  /** Calls the portal with the source's token; an expired or revoked token becomes one clear error. */
  private async withToken<T>(source: SsoSource, call: (token: string) => Promise<T>): Promise<T> {
    const t = await this.token(source);
    try {
      return await call(t.accessToken);
    } catch (e) {
      if (isUnauthorized(e)) throw expiredError(source, false, e);
      throw e;
    }
  }

  /**
   * The accounts the person may use and the roles in each (ListAccounts, then ListAccountRoles per
   * account, a few at a time), sorted by name.
   */
  async accounts(source: SsoSource, signal?: AbortSignal): Promise<OrgAccount[]> {
    const list: AccountInfo[] = [];
    await this.withToken(source, async (accessToken) => {
      let nextToken: string | undefined;
      do {
        const r = await this.portal(source).send(
          new ListAccountsCommand({ accessToken, maxResults: PAGE, nextToken }),
          { abortSignal: signal },
        );
        list.push(...(r.accountList ?? []));
        nextToken = r.nextToken || undefined;
      } while (nextToken);
    });
    const run = limiter(this.o.rolesConcurrency ?? 4);
    const out = await Promise.all(
      list
        .filter((a): a is AccountInfo & { accountId: string } => typeof a.accountId === 'string')
        .map((a) =>
          run(async (): Promise<OrgAccount> => {
            const roles: string[] = [];
            await this.withToken(source, async (accessToken) => {
              let nextToken: string | undefined;
              do {
                const r = await this.portal(source).send(
                  new ListAccountRolesCommand({
                    accessToken,
                    accountId: a.accountId,
                    maxResults: PAGE,
                    nextToken,
                  }),
                  { abortSignal: signal },
                );
                for (const role of r.roleList ?? []) if (role.roleName) roles.push(role.roleName);
                nextToken = r.nextToken || undefined;
              } while (nextToken);
            });
            return {
              accountId: a.accountId,
              accountName: a.accountName || undefined,
              emailAddress: a.emailAddress || undefined,
              roles: roles.sort(),
            };
          }),
        ),
    );
    return out.sort((x, y) => (x.accountName ?? x.accountId).localeCompare(y.accountName ?? y.accountId));
  }

  /** Temporary credentials of a role in an account (GetRoleCredentials), with their expiry. */
  async roleCredentials(source: SsoSource, accountId: string, roleName: string): Promise<AwsCredentialIdentity> {
    let r;
    try {
      r = await this.withToken(source, (accessToken) =>
        this.portal(source).send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName })),
      );
    } catch (e) {
      // AWS answers a role the person is not assigned (or an account not theirs) with 403
      // ForbiddenException "No access" — not in the service model, seen in the CLI's debug logs.
      const name = (e as { name?: string }).name;
      if (name === 'ForbiddenException' || name === 'ResourceNotFoundException') {
        throw new AwsError({
          kind: 'credentials',
          code: name,
          reason: 'other',
          message: `IAM Identity Center "${source.id}" does not let you take the role ${roleName} in account ${accountId} (${errorMessage(e)}).`,
          hint: 'Choose another role (Add Accounts from IAM Identity Center…), or ask for the permission set to be assigned to you.',
        });
      }
      throw e;
    }
    const c = r.roleCredentials;
    if (!c?.accessKeyId || !c.secretAccessKey) {
      throw new AwsError({
        kind: 'credentials',
        code: 'CredentialsError',
        reason: 'other',
        message: `IAM Identity Center returned no credentials for ${roleName} in ${accountId}.`,
      });
    }
    return {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      sessionToken: c.sessionToken || undefined,
      expiration: c.expiration ? new Date(c.expiration) : undefined,
    };
  }

  /**
   * Signs in with the OIDC device flow, as `aws sso login` does: registers a public client (or
   * reuses a registration still valid), starts the device authorisation, tells `present` the page
   * and code (the VS Code layer opens the browser), then polls CreateToken at the interval AWS asks
   * until the person approves, and writes the token where the CLI keeps it.
   */
  async signIn(
    source: SsoSource,
    present: (code: DeviceCode) => void | Promise<void>,
    signal?: AbortSignal,
  ): Promise<SsoToken> {
    const oidc = this.oidc(source);
    const now = this.o.clock.now();
    const old = await this.cachedToken(source);
    let clientId = old?.clientId;
    let clientSecret = old?.clientSecret;
    let registrationExpiresAt = old?.registrationExpiresAt;
    if (!clientId || !clientSecret || (registrationExpiresAt ?? 0) - now < 60 * 60_000) {
      const reg = await oidc.send(
        new RegisterClientCommand({
          clientName: 'workspaces-fleet',
          clientType: 'public',
          scopes: [...source.scopes],
        }),
        { abortSignal: signal },
      );
      clientId = reg.clientId;
      clientSecret = reg.clientSecret;
      registrationExpiresAt = (reg.clientSecretExpiresAt ?? 0) * 1000 || undefined;
    }
    if (!clientId || !clientSecret) throw new Error('IAM Identity Center registered no client.');
    const auth = await oidc.send(
      new StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl: source.startUrl }),
      { abortSignal: signal },
    );
    if (!auth.deviceCode || !auth.userCode || !auth.verificationUri) {
      throw new Error('IAM Identity Center started no device authorisation.');
    }
    await present({
      verificationUri: auth.verificationUri,
      verificationUriComplete: auth.verificationUriComplete || undefined,
      userCode: auth.userCode,
      expiresIn: auth.expiresIn ?? 600,
    });
    let interval = Math.max(1, auth.interval ?? 5) * 1000;
    const until = this.o.clock.now() + (auth.expiresIn ?? 600) * 1000;
    for (;;) {
      await sleep(interval, signal);
      try {
        const t = await oidc.send(
          new CreateTokenCommand({
            clientId,
            clientSecret,
            grantType: 'urn:ietf:params:oauth:grant-type:device_code',
            deviceCode: auth.deviceCode,
          }),
          { abortSignal: signal },
        );
        if (!t.accessToken) throw new Error('IAM Identity Center returned no token.');
        const token: SsoToken = {
          accessToken: t.accessToken,
          expiresAt: this.o.clock.now() + (t.expiresIn ?? 3600) * 1000,
          region: source.region,
          startUrl: source.startUrl,
          clientId,
          clientSecret,
          registrationExpiresAt,
          refreshToken: t.refreshToken || undefined,
        };
        await this.writeToken(source, token);
        this.tokens.delete(this.tokenFile(source));
        return token;
      } catch (e) {
        const name = (e as { name?: string }).name;
        if (name === 'AuthorizationPendingException' && this.o.clock.now() < until) continue;
        if (name === 'SlowDownException') {
          interval += 5000;
          continue;
        }
        if (name === 'AuthorizationPendingException' || name === 'ExpiredTokenException') {
          throw new AwsError({
            kind: 'credentials',
            code: 'SsoSignInExpired',
            reason: 'ssoMissing',
            message: 'The sign-in code expired before it was approved.',
            hint: 'Sign in again, and approve the code in the browser within its time.',
          });
        }
        if (name === 'AccessDeniedException') {
          throw new AwsError({
            kind: 'credentials',
            code: 'SsoSignInDenied',
            reason: 'ssoMissing',
            message: 'The sign-in was denied in the browser.',
          });
        }
        throw e instanceof AwsError ? e : new Error(`Signing in to IAM Identity Center failed: ${errorMessage(e)}`);
      }
    }
  }

  dispose(): void {
    for (const c of this.portals.values()) c.destroy();
    for (const c of this.oidcs.values()) c.destroy();
    this.portals.clear();
    this.oidcs.clear();
  }
}
