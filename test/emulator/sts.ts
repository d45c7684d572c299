/**
 * AWS STS as far as the credential providers need it: AssumeRole (the step of every assume-role
 * profile, with its MFA code), over the query protocol of botocore's sts 2011-06-15 model (POST /,
 * form-encoded `Action=AssumeRole&Version=2011-06-15&...`, SigV4 service `sts`, XML answers and
 * `<ErrorResponse>` errors), and the temporary credentials it hands out: ASIA… keys with a session
 * token and an expiration, accepted by every service of the emulator until they expire. The old
 * keys stay valid when new ones are issued, as STS's do.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { ApiError } from './errors';
import type { EmulatedAccount } from './types';

export const STS_SIGNING_NAME = 'sts';
const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const VERSION = '2011-06-15';

/** Temporary credentials the emulator issued (AssumeRole, or a token refresher's new keys). */
export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ms since the epoch. */
  expiration: number;
  accountId: string;
  /** Credentials of an Identity Center role (GetRoleCredentials): who, as which role, allowed what. */
  principal?: RolePrincipal;
}

/** The role behind credentials of the SSO portal: what its permission set allows the calls signed with them. */
export interface RolePrincipal {
  roleName: string;
  user: string;
  /** full: every call; read: Describe/Get/List only; none: no WorkSpaces or CloudWatch call. */
  access: 'full' | 'read' | 'none';
}

const KEY_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomChars(n: number, alphabet: string): string {
  const bytes = randomBytes(n);
  let s = '';
  for (const b of bytes) s += alphabet[b % alphabet.length];
  return s;
}

/** Parses a form-encoded query-protocol body. */
export function parseQuery(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

export class Sts {
  private readonly issued = new Map<string, IssuedCredentials>();
  /** SerialNumber + TokenCode pairs already used: a TOTP code works once. */
  private readonly usedCodes = new Set<string>();

  /** New temporary credentials of an account, valid for `durationSeconds` from `now`. */
  issue(accountId: string, now: number, durationSeconds = 3600, principal?: RolePrincipal): IssuedCredentials {
    const creds: IssuedCredentials = {
      accessKeyId: `ASIA${randomChars(16, KEY_CHARS)}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `IQoJb3JpZ2luX2Vj${randomBytes(90).toString('base64')}`,
      expiration: now + durationSeconds * 1000,
      accountId,
      ...(principal ? { principal: { ...principal } } : {}),
    };
    this.issued.set(creds.accessKeyId, creds);
    return creds;
  }

  /** The account of issued credentials, as authenticate() wants it (secret and token to check). */
  find(accessKeyId: string, accounts: readonly EmulatedAccount[]): EmulatedAccount | undefined {
    const c = this.issued.get(accessKeyId);
    const base = c && accounts.find((a) => a.accountId === c.accountId);
    if (!c || !base) return undefined;
    return {
      ...base,
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      sessionToken: c.sessionToken,
    };
  }

  /** The Identity Center role of issued credentials, if they are a role's. */
  principal(accessKeyId: string): RolePrincipal | undefined {
    return this.issued.get(accessKeyId)?.principal;
  }

  /** True when the key was issued here and has expired. */
  expired(accessKeyId: string, now: number): boolean {
    const c = this.issued.get(accessKeyId);
    return c !== undefined && c.expiration <= now;
  }

  /** AssumeRole: the answer's XML. */
  assumeRole(
    params: Record<string, string>,
    caller: EmulatedAccount,
    accounts: readonly EmulatedAccount[],
    now: number,
    requestId: string,
  ): string {
    if (params.Version !== VERSION) {
      throw new ApiError('InvalidAction', `Could not find operation AssumeRole for version ${params.Version}`);
    }
    const roleArn = params.RoleArn;
    const session = params.RoleSessionName;
    if (roleArn === undefined || session === undefined) {
      throw validation(roleArn === undefined ? 'roleArn' : 'roleSessionName', 'Member must not be null');
    }
    if (roleArn.length < 20 || roleArn.length > 2048) {
      throw validation('roleArn', 'Member must have length between 20 and 2048', roleArn);
    }
    if (!/^[\w+=,.@-]{2,64}$/.test(session)) {
      throw validation(
        'roleSessionName',
        'Member must satisfy regular expression pattern: [\\w+=,.@-]* and length between 2 and 64',
        session,
      );
    }
    const duration = params.DurationSeconds === undefined ? 3600 : Number(params.DurationSeconds);
    if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
      throw validation('durationSeconds', 'Member must have value between 900 and 43200', params.DurationSeconds);
    }
    const serial = params.SerialNumber;
    const code = params.TokenCode;
    if (serial !== undefined && (serial.length < 9 || serial.length > 256)) {
      throw validation('serialNumber', 'Member must have length between 9 and 256', serial);
    }
    if (code !== undefined && !/^\d{6}$/.test(code)) {
      throw validation('tokenCode', 'Member must satisfy regular expression pattern: [\\d]* and length 6', code);
    }
    const m = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/.exec(roleArn);
    const target = m ? accounts.find((a) => a.accountId === m[1]) : undefined;
    if (!m || !target) {
      throw new ApiError(
        'AccessDenied',
        `User: arn:aws:iam::${caller.accountId}:user/emulator is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
        403,
      );
    }
    if ((serial === undefined) !== (code === undefined)) {
      throw new ApiError('AccessDenied', 'MultiFactorAuthentication failed, unable to validate MFA code.', 403);
    }
    if (serial !== undefined && code !== undefined) {
      const key = `${serial}\u0000${code}`;
      if (this.usedCodes.has(key)) {
        throw new ApiError(
          'AccessDenied',
          'MultiFactorAuthentication failed with invalid MFA one time pass code.',
          403,
        );
      }
      this.usedCodes.add(key);
    }
    const c = this.issue(target.accountId, now, duration);
    const roleId = `AROA${randomChars(17, KEY_CHARS)}`;
    return (
      `<AssumeRoleResponse xmlns="${XMLNS}">\n` +
      `  <AssumeRoleResult>\n` +
      `    <Credentials>\n` +
      `      <AccessKeyId>${c.accessKeyId}</AccessKeyId>\n` +
      `      <SecretAccessKey>${c.secretAccessKey}</SecretAccessKey>\n` +
      `      <SessionToken>${c.sessionToken}</SessionToken>\n` +
      `      <Expiration>${new Date(c.expiration).toISOString()}</Expiration>\n` +
      `    </Credentials>\n` +
      `    <AssumedRoleUser>\n` +
      `      <AssumedRoleId>${roleId}:${xml(session)}</AssumedRoleId>\n` +
      `      <Arn>arn:aws:sts::${target.accountId}:assumed-role/${xml(m[2])}/${xml(session)}</Arn>\n` +
      `    </AssumedRoleUser>\n` +
      `  </AssumeRoleResult>\n` +
      `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n` +
      `</AssumeRoleResponse>\n`
    );
  }
}

function validation(member: string, rule: string, value?: string): ApiError {
  const v = value === undefined ? 'null' : `'${value}'`;
  return new ApiError(
    'ValidationError',
    `1 validation error detected: Value ${v} at '${member}' failed to satisfy constraint: ${rule}`,
  );
}

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A query-protocol error answer. */
export function stsErrorXml(err: ApiError, requestId: string = randomUUID()): string {
  const type = err.status >= 500 ? 'Receiver' : 'Sender';
  return (
    `<ErrorResponse xmlns="${XMLNS}">\n` +
    `  <Error>\n    <Type>${type}</Type>\n    <Code>${err.code}</Code>\n    <Message>${xml(err.message)}</Message>\n  </Error>\n` +
    `  <RequestId>${requestId}</RequestId>\n` +
    `</ErrorResponse>\n`
  );
}
