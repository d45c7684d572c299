// The view's message parts about the data itself, pure: the progress of a listing under the API
// quota ("Listing 3,400 of ~10,000 WorkSpaces · API quota 2 calls/s") and the WorkSpaces whose
// connection status is missing. The explorer joins them with the filter and cache parts.
import type { SchedulerStats } from '../aws';
import type { ScopeModel } from './scopeModel';
import { count } from './view';

/** AWS's documented WorkSpaces API quota (calls per second per account and region). */
const DOCUMENTED_RATE = 2;

/** "API quota 2 calls/s", "raised quota 8 calls/s" (learnt by the scheduler), "API quota 1–2 calls/s". */
export function quotaText(stats: readonly SchedulerStats[]): string {
  if (stats.length === 0) return '';
  const rates = stats.map((st) => Math.round((st.probing ? st.goodRate : st.rate) * 10) / 10);
  const lo = Math.min(...rates);
  const hi = Math.max(...rates);
  const value = lo === hi ? `${lo}` : `${lo}–${hi}`;
  return `${lo > DOCUMENTED_RATE ? 'raised quota' : 'API quota'} ${value} calls/s`;
}

/**
 * While WorkSpaces are being listed: "Listing 3,400 of ~10,000 WorkSpaces · API quota 2 calls/s"
 * (the estimate is what the cache or the last listing had; none on a first listing).
 */
export function listingText(scopes: readonly ScopeModel[], stats: readonly SchedulerStats[]): string | undefined {
  const listing = scopes.filter((s) => s.workspaces.state === 'loading' && s.workspaces.progress);
  if (listing.length === 0) return undefined;
  let listed = 0;
  let expected: number | undefined = 0;
  for (const s of listing) {
    const p = s.workspaces.progress as { listed: number; expected?: number };
    listed += p.listed;
    expected = expected === undefined || p.expected === undefined ? undefined : expected + p.expected;
  }
  const head =
    expected === undefined
      ? `Listing ${count(listed)} WorkSpaces…`
      : `Listing ${count(listed)} of ~${count(Math.max(expected, listed))} WorkSpaces`;
  const quota = quotaText(stats);
  return quota ? `${head} · ${quota}` : head;
}

/** "Connection status unavailable for 250 WorkSpaces: <reason>" (rows keep everything else). */
export function statusText(scopes: readonly ScopeModel[]): string | undefined {
  let n = 0;
  let reason: string | undefined;
  for (const s of scopes) {
    const m = s.statusMissing();
    n += m.count;
    reason ??= m.reason;
  }
  if (n === 0) return undefined;
  const why = reason && reason.length > 120 ? `${reason.slice(0, 119)}…` : reason;
  return `Connection status unavailable for ${count(n)} WorkSpace${n === 1 ? '' : 's'}${why ? `: ${why}` : ''}`;
}
