// The organisations of the fleet: the accounts and roles IAM Identity Center gives the person,
// chosen in the settings (workspacesFleet.identityCenter: per sso-session, a role, the accounts,
// the regions), shown as profiles of their own under their organisation. No profile is written to
// the AWS files for them.
//
// Start-up costs no portal call when the organisation's account list is known (kept beside the
// fleet cache for 12 hours, refreshed in the background after that, and at Refresh): the accounts
// show at once and only their credentials are read, once per account and role (GetRoleCredentials),
// whatever the number of regions. A token that has expired is one error for the organisation (its
// scopes are not started), never one per account and region. Never imports `vscode`.
import type { AwsLayer, DiscoveredProfile, OrgAccount, SsoSource } from '../aws';
import type { Clock } from '../core/clock';
import { AwsError, toScopeError, type ScopeError } from '../core/errors';

/** One organisation in the settings: which role, which accounts (all when absent), which regions. */
export interface IdentityCenterChoice {
  readonly role: string;
  readonly accounts?: readonly string[];
  readonly regions: readonly string[];
}

/** What the fleet knows of an organisation (the tree's organisation row). */
export interface Organization {
  /** The sso-session (or legacy profile) name. */
  readonly id: string;
  readonly startUrl?: string;
  readonly role: string;
  readonly state: 'ready' | 'error';
  /** Why nothing of it is shown (sign-in needed, session not in the config, the portal failed). */
  readonly error?: ScopeError;
  /** Accounts shown (chosen, with the role). */
  readonly shown: number;
  /** Accounts the person may use in all, and those of them without the chosen role. */
  readonly total: number;
  readonly withoutRole: number;
  /** When the account list was read from the portal (ms). */
  readonly listedAt?: number;
}

/** Where the account lists are kept between windows and sessions (the fleet cache's folder). */
export interface AccountListStore {
  load(source: string): Promise<{ at: number; accounts: OrgAccount[] } | undefined>;
  save(source: string, value: { at: number; accounts: OrgAccount[] }): Promise<void>;
}

/** The layer's codes of a token that only a new sign-in cures (identityCenter.ts). */
export const SIGN_IN_CODES: ReadonlySet<string> = new Set(['SsoTokenExpired', 'SsoTokenMissing']);

/** An account list younger than this is used at start-up without asking the portal. */
export const ACCOUNT_LIST_TTL_MS = 12 * 60 * 60_000;

export interface Discovery {
  organizations: Organization[];
  /** The accounts and roles to show as profiles, with their regions. */
  profiles: Array<{ profile: DiscoveredProfile; regions: readonly string[] }>;
}

/**
 * Reads what the settings ask for: per organisation, the token (no call), the account list (the
 * kept one, or the portal's when there is none or `fresh` asks), the chosen accounts that have the
 * role. Never throws: an organisation that cannot be shown carries its error.
 */
export async function discover(
  layer: AwsLayer,
  choices: Readonly<Record<string, IdentityCenterChoice>>,
  o: { clock: Clock; store?: AccountListStore; fresh?: boolean; log?: (m: string) => void },
): Promise<Discovery> {
  const out: Discovery = { organizations: [], profiles: [] };
  const entries = Object.entries(choices).filter(([id]) => Object.hasOwn(choices, id));
  if (entries.length === 0) return out;
  const sources = await layer.ssoSources();
  await Promise.all(
    entries.map(async ([id, choice]) => {
      const base = { id, role: choice.role, shown: 0, total: 0, withoutRole: 0 };
      const source = sources.find((s) => s.id === id);
      if (!source) {
        out.organizations.push({
          ...base,
          state: 'error',
          error: toScopeError(
            new AwsError({
              kind: 'credentials',
              code: 'SsoSessionNotFound',
              reason: 'profileNotFound',
              message: `There is no [sso-session ${id}] (or profile with sso_start_url named ${id}) in your AWS config file.`,
              hint: 'Add it (for example with `aws configure sso-session`), or remove it from workspacesFleet.identityCenter.',
            }),
          ),
        });
        return;
      }
      try {
        // A valid token first (no call while the cached one is good; one refresh when it is about
        // to expire): an organisation that needs a sign-in starts none of its scopes.
        await layer.identityCenter.token(source);
        const list = await accountsOf(layer, source, o);
        const wanted = choice.accounts ? new Set(choice.accounts) : undefined;
        const chosen = list.accounts.filter((a) => !wanted || wanted.has(a.accountId));
        const withRole = chosen.filter((a) => a.roles.includes(choice.role));
        for (const a of withRole) {
          out.profiles.push({
            profile: {
              source,
              accountId: a.accountId,
              roleName: choice.role,
              accountName: a.accountName || undefined,
              emailAddress: a.emailAddress || undefined,
            },
            regions: choice.regions,
          });
        }
        out.organizations.push({
          ...base,
          startUrl: source.startUrl,
          state: 'ready',
          shown: withRole.length,
          total: list.accounts.length,
          withoutRole: chosen.length - withRole.length,
          listedAt: list.at,
        });
      } catch (e) {
        out.organizations.push({ ...base, startUrl: source.startUrl, state: 'error', error: toScopeError(e) });
      }
    }),
  );
  out.organizations.sort((a, b) => a.id.localeCompare(b.id));
  return out;
}

/** The organisation's accounts: kept, or read from the portal (then kept), or kept and stale when the portal fails. */
async function accountsOf(
  layer: AwsLayer,
  source: SsoSource,
  o: { clock: Clock; store?: AccountListStore; fresh?: boolean; log?: (m: string) => void },
): Promise<{ at: number; accounts: OrgAccount[] }> {
  const kept = await o.store?.load(source.id).catch(() => undefined);
  const now = o.clock.now();
  if (kept && !o.fresh && now - kept.at < ACCOUNT_LIST_TTL_MS) return kept;
  try {
    const accounts = await layer.identityCenter.accounts(source);
    const value = { at: now, accounts };
    await o.store?.save(source.id, value).catch(() => undefined);
    o.log?.(`IAM Identity Center ${source.id}: ${accounts.length} accounts read from the portal`);
    return value;
  } catch (e) {
    // A kept list stands in for a portal that does not answer, never for a sign-in that ended
    // (revoked, signed out elsewhere): that needs the person, and says so once.
    if (!kept || SIGN_IN_CODES.has(toScopeError(e).code)) throw e;
    o.log?.(
      `IAM Identity Center ${source.id}: the portal did not answer (${toScopeError(e).message}); showing the account list of ${new Date(kept.at).toISOString()}`,
    );
    return kept;
  }
}

/**
 * The organisations of the settings, as far as they are well formed (a hand-edited value may not
 * be): a role and regions, accounts as 12-digit ids when given.
 */
export function identityCenterChoices(raw: unknown): Record<string, IdentityCenterChoice> {
  const out: Record<string, IdentityCenterChoice> = Object.create(null) as Record<string, IdentityCenterChoice>;
  if (raw === null || typeof raw !== 'object') return out;
  for (const [id, v] of Object.entries(raw as Record<string, unknown>)) {
    if (v === null || typeof v !== 'object') continue;
    const c = v as { role?: unknown; accounts?: unknown; regions?: unknown };
    if (typeof c.role !== 'string' || !c.role.trim() || !Array.isArray(c.regions)) continue;
    const regions = c.regions.filter((r): r is string => typeof r === 'string' && /^[a-z]{2}(-[a-z]+)+-\d$/.test(r));
    const accounts = Array.isArray(c.accounts)
      ? c.accounts.filter((a): a is string => typeof a === 'string' && /^\d{12}$/.test(a))
      : undefined;
    out[id] = { role: c.role.trim(), regions, ...(accounts ? { accounts } : {}) };
  }
  return out;
}
