// Credentials per profile, through the SDK's own providers: fromIni for a profile (static keys,
// SSO, assume-role chains, credential_process, MFA through the caller's callback) and the default
// Node chain for the environment pseudo-profile. Failures become AwsError kind 'credentials' with a
// reason and a hint the UI can show as is.
import { fromIni, fromNodeProviderChain, fromSSO } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { AwsError, credentialsHint, isAwsError, type CredentialsReason } from '../core/errors';
import type { IdentityCenter } from './identityCenter';
import type { ConfigSnapshot } from './profiles';

export interface CredentialOptions {
  profile: string;
  /** True for the environment pseudo-profile. */
  isEnv: boolean;
  snapshot: ConfigSnapshot;
  env: NodeJS.ProcessEnv;
  mfaCodeProvider?: (serial: string) => Promise<string>;
  /** Reads the credentials of an account and role discovered through IAM Identity Center. */
  identityCenter?: IdentityCenter;
}

export function credentialProvider(o: CredentialOptions): AwsCredentialIdentityProvider {
  const paths = o.snapshot.paths;
  let inner: AwsCredentialIdentityProvider;
  const discovered = o.snapshot.discoveredProfile(o.profile);
  if (discovered) {
    // An account of the organisation (no profile in the files): GetRoleCredentials with the
    // session's one token (identityCenter.ts says why not the SDK's fromSSO).
    const ic = o.identityCenter;
    if (!ic) throw new Error('No IAM Identity Center for a discovered account.');
    return () => ic.roleCredentials(discovered.source, discovered.accountId, discovered.roleName);
  }
  if (o.isEnv) {
    inner =
      o.env === process.env
        ? fromNodeProviderChain({
            filepath: paths.credentials,
            configFilepath: paths.config,
            mfaCodeProvider: o.mfaCodeProvider,
            ignoreCache: true,
          })
        : envKeysProvider(o.env);
  } else if (o.snapshot.kind(o.profile) === 'sso') {
    // fromIni resolves an SSO profile through fromSSO without passing the file paths on (SDK
    // 3.1169), so it would read AWS_CONFIG_FILE from process.env instead of the layer's env.
    inner = fromSSO({
      profile: o.profile,
      filepath: paths.credentials,
      configFilepath: paths.config,
      ignoreCache: true,
    });
  } else {
    inner = fromIni({
      profile: o.profile,
      filepath: paths.credentials,
      configFilepath: paths.config,
      ignoreCache: true,
      mfaCodeProvider: o.mfaCodeProvider,
    });
  }
  return async (props) => {
    try {
      return await inner(props);
    } catch (e) {
      throw classifyCredentialsError(e, o.profile, o.snapshot, o.isEnv);
    }
  };
}

/**
 * Credentials from an injected environment (tests, or a caller passing `env`): the SDK's fromEnv
 * only reads process.env, so the three standard variables are read here.
 */
function envKeysProvider(env: NodeJS.ProcessEnv): AwsCredentialIdentityProvider {
  return () => {
    const accessKeyId = env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
    if (!accessKeyId || !secretAccessKey) {
      return Promise.reject(
        new Error('Unable to find environment variable credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).'),
      );
    }
    const creds: AwsCredentialIdentity = env.AWS_SESSION_TOKEN
      ? { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN }
      : { accessKeyId, secretAccessKey };
    return Promise.resolve(creds);
  };
}

function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/** Words of a command line long enough to be a token, a key or a password (and to not be "node"). */
const SECRET_LIKE_WORD = 8;

/**
 * True when a provider's message may carry a credential_process command line or its output. Node's
 * exec error is "Command failed: <the whole command line>\n<its stderr>", and the SDK's
 * credential_process error keeps that message as is: a token passed as an argument (or echoed on
 * stderr) would reach the log, the error row's tooltip and notifications. Conservative: any message
 * of that form, or holding a command of the chain or one of its longer words, counts.
 */
function leaksCommand(message: string, commands: readonly string[]): boolean {
  if (/\bCommand failed\b/i.test(message)) return true;
  return commands.some((command) => {
    const c = command.trim();
    if (c && message.includes(c)) return true;
    return c.split(/[\s"'=]+/).some((w) => w.length >= SECRET_LIKE_WORD && message.includes(w));
  });
}

/**
 * What an AwsError keeps of a provider's error: its name, the message it may show and the stack's
 * frames (file positions only). Not the error itself, whose message and stack may hold a
 * credential_process command line.
 */
function safeCause(e: unknown, message: string): Error {
  const name = e instanceof Error && e.name ? e.name : 'Error';
  const copy = new Error(message);
  copy.name = name;
  const frames =
    e instanceof Error && typeof e.stack === 'string' ? e.stack.split('\n').filter((l) => /^\s+at /.test(l)) : [];
  copy.stack = [`${name}: ${message}`, ...frames].join('\n');
  return copy;
}

/** Turns a credential provider failure into AwsError kind 'credentials' with reason and hint. */
function classifyCredentialsError(e: unknown, profile: string, snapshot: ConfigSnapshot, isEnv = false): AwsError {
  if (isAwsError(e)) return e;
  const name = e instanceof Error ? e.name : 'Error';
  const code = name === 'Error' ? 'CredentialsError' : name;
  const raw = messageOf(e);
  const owner = snapshot.processProfileInChain(isEnv ? snapshot.defaultProfile : profile);
  const command = owner ? snapshot.section(owner)?.credential_process : undefined;
  if (leaksCommand(raw, command ? [command] : [])) {
    // Which profile's command failed, nothing of the command or its output. (The exit code is not
    // known either: the SDK keeps only the message of Node's exec error.)
    const message = `The credential_process of ${owner ? `profile "${owner}"` : 'the environment'} failed (its command line and output are not shown: they may hold secrets).`;
    return new AwsError({
      kind: 'credentials',
      reason: 'process',
      code,
      profile,
      message,
      hint: credentialsHint('process', owner ?? profile),
      cause: safeCause(e, message),
    });
  }
  const message = raw;
  const base = { kind: 'credentials' as const, code, profile, cause: safeCause(e, message) };

  if (isEnv) {
    return new AwsError({
      ...base,
      reason: 'other',
      message,
      hint: 'No credentials in the environment: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) for the process that runs VS Code.',
    });
  }
  if (!snapshot.has(profile)) {
    return new AwsError({
      ...base,
      reason: 'profileNotFound',
      message: `Profile "${profile}" is not defined in ${snapshot.paths.config} or ${snapshot.paths.credentials}.`,
    });
  }
  if (Object.hasOwn(Object.prototype, profile)) {
    // The SDK merges the shared files into a plain object: `merged["constructor"]` is Object itself.
    return new AwsError({
      ...base,
      reason: 'other',
      message: `The AWS SDK cannot use a profile named "${profile}" (a name every JavaScript object already has).`,
      hint: `Rename the profile "${profile}" in the AWS config and credentials files.`,
    });
  }
  const missing = snapshot.missingSourceProfile(profile);
  if (missing) {
    return new AwsError({
      ...base,
      reason: 'profileNotFound',
      message: `Profile "${profile}" names source_profile "${missing}", which is not defined.`,
      hint: `Add a [profile ${missing}] section or fix source_profile.`,
    });
  }
  const ssoProfile = snapshot.ssoProfileInChain(profile);
  if (ssoProfile) {
    let reason: CredentialsReason | undefined;
    if (/was not found or is invalid|session associated with this profile is invalid|ENOENT/i.test(message)) {
      reason = 'ssoMissing';
    } else if (/expired|Cannot refresh|UnauthorizedException|Session token not found or invalid/i.test(message)) {
      reason = 'ssoExpired';
    }
    if (reason) {
      // `aws sso login` needs the profile that holds the SSO settings (the chain's source).
      return new AwsError({ ...base, reason, message, hint: credentialsHint(reason, ssoProfile) });
    }
  }
  if (snapshot.usesProcess(profile)) {
    return new AwsError({ ...base, reason: 'process', message });
  }
  if (/could not resolve credentials using profile/i.test(message)) {
    return new AwsError({
      ...base,
      reason: 'other',
      message: `Profile "${profile}" has no usable credentials (no keys, SSO, role or credential_process).`,
    });
  }
  if (/ExpiredToken|token.*expired/i.test(message)) return new AwsError({ ...base, reason: 'expiredToken', message });
  if (/InvalidClientTokenId|security token included in the request is invalid|SignatureDoesNotMatch/i.test(message)) {
    return new AwsError({ ...base, reason: 'invalidKeys', message });
  }
  return new AwsError({ ...base, reason: 'other', message });
}

/**
 * How credential resolutions run: at most `limit` at once (100 SSO profiles must not make 100
 * GetRoleCredentials calls at once), and one MFA prompt open at a time across profiles (a TOTP
 * code works once, and two input boxes close each other). A resolution waiting for a person to type
 * a code gives its place up meanwhile, and gets the next free one first once the code is in.
 */
export class CredentialGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private prompts: Promise<unknown> = Promise.resolve();

  constructor(private readonly limit: number) {}

  async run<T>(resolve: () => Promise<T>): Promise<T> {
    await this.acquire(false);
    try {
      return await resolve();
    } finally {
      this.release();
    }
  }

  /** Asks for an MFA code (from inside run()) once every earlier prompt has closed. */
  async mfa(ask: () => Promise<string>): Promise<string> {
    this.release();
    const turn = this.prompts.then(ask);
    this.prompts = turn.catch(() => undefined);
    try {
      return await turn;
    } finally {
      await this.acquire(true);
    }
  }

  private acquire(first: boolean): Promise<void> {
    if (this.running < Math.max(1, this.limit)) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      // release() hands its place over: running stays as it is.
      if (first) this.waiting.unshift(resolve);
      else this.waiting.push(resolve);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}
