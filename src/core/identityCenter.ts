// What the extension writes of an organisation's accounts when the person asks for profiles
// (Write Profiles for These Accounts): the profile names and the config sections. Pure.

/** The IAM Identity Center a profile is written for (an sso-session, or a legacy start URL). */
export interface ProfileSource {
  readonly id: string;
  readonly kind: 'session' | 'legacy';
  readonly startUrl: string;
  readonly region: string;
}

/** A profile name for an account: its name (or id), in the characters a profile name may have, and the role. */
export function profileNameFor(accountName: string | undefined, accountId: string, role: string): string {
  const base = (accountName ?? accountId)
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${base || accountId}-${role.toLowerCase().replace(/[^a-z0-9_-]+/g, '-')}`;
}

/** The config sections written for the accounts shown of an organisation (none already there). */
export function profileSections(
  source: ProfileSource,
  accounts: ReadonlyArray<{ accountId: string; accountName?: string }>,
  role: string,
  region: string | undefined,
  existing: ReadonlySet<string>,
): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  for (const a of accounts) {
    let name = profileNameFor(a.accountName, a.accountId, role);
    if (existing.has(name)) name = `${name}-${a.accountId}`;
    if (existing.has(name)) continue;
    const lines = [`[profile ${name}]`];
    if (source.kind === 'session') lines.push(`sso_session = ${source.id}`);
    else lines.push(`sso_start_url = ${source.startUrl}`, `sso_region = ${source.region}`);
    lines.push(`sso_account_id = ${a.accountId}`, `sso_role_name = ${role}`);
    if (region) lines.push(`region = ${region}`);
    out.push({ name, text: lines.join('\n') });
  }
  return out;
}
