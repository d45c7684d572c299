// Credentials per profile, through the SDK's own providers: fromIni for a profile (static keys,
// SSO, assume-role chains, credential_process, MFA through the caller's callback) and the default
// Node chain for the environment pseudo-profile. Failures become AwsError kind 'credentials' with a
// reason and a hint the UI can show as is.
import { fromIni, fromNodeProviderChain, fromSSO } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { AwsError, credentialsHint, isAwsError, type CredentialsReason } from '../core/errors';
import type { ConfigSnapshot } from './profiles';

export interface CredentialOptions {
  profile: string;
  /** True for the environment pseudo-profile. */
  isEnv: boolean;
  snapshot: ConfigSnapshot;
  env: NodeJS.ProcessEnv;
  mfaCodeProvider?: (serial: string) => Promise<string>;
}

export function credentialProvider(o: CredentialOptions): AwsCredentialIdentityProvider {
  const paths = o.snapshot.paths;
  let inner: AwsCredentialIdentityProvider;
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
      ...(o.mfaCodeProvider ? { mfaCodeProvider: o.mfaCodeProvider } : {}),
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

/** Turns a credential provider failure into AwsError kind 'credentials' with reason and hint. */
function classifyCredentialsError(e: unknown, profile: string, snapshot: ConfigSnapshot, isEnv = false): AwsError {
  if (isAwsError(e)) return e;
  const message = messageOf(e);
  const name = e instanceof Error ? e.name : 'Error';
  const base = { kind: 'credentials' as const, code: name === 'Error' ? 'CredentialsError' : name, profile, cause: e };

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
