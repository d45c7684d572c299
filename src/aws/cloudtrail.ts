// CloudTrail for one scope (profile × region): the latest management events that name one resource
// (LookupEvents with the one LookupAttribute ResourceName), for the Diagnose WorkSpace panel ("who
// rebooted, rebuilt or modified it"). Part of the AWS layer bundle (dist/aws.js): never loaded at
// activation.
//
// Quota: LookupEvents is limited to two calls per second per account and Region (its API reference:
// "The rate of lookup requests is limited to two per second, per account, per Region"); the burst is
// not documented, the local bucket assumes 2. It is CloudTrail's own quota, not WorkSpaces': its own
// schedulers (per account and region once the account is known), as CloudWatch's.
//
// Paging: at most 50 events a page (MaxResults 1–50), newest first, the rest behind NextToken; a
// page may hold fewer than MaxResults while more follow (not documented either way; the loop asks
// until it has `max` or no token comes back).
import { type CloudTrailClient, LookupEventsCommand, type Event } from '@aws-sdk/client-cloudtrail';
import type { Scope } from '../core/types';
import type { ErrorHints } from './errors';
import type { SchedulerStats, SchedulerTuning } from './scheduler';
import { ServiceCalls, type CallOptions, type ServiceDeps } from './service';

/** LookupEvents' page limit (MaxResults, 1–50 in the model). */
export const LOOKUP_PAGE_MAX = 50;

/** LookupEvents' documented 2 calls/s per account and Region; burst assumed 2. */
export const CLOUDTRAIL_TUNING: Partial<SchedulerTuning> = { rate: 2, burst: 2, maxInFlight: 2, maxRate: 4 };

export type CloudTrailDeps = Omit<ServiceDeps<CloudTrailClient>, 'service' | 'hints'>;

/** One event as the panel shows it (no CloudTrailEvent JSON: it carries request parameters). */
export interface TrailEvent {
  id: string;
  name: string;
  /** Epoch ms. */
  time: number;
  /** Username as CloudTrail reports it (an IAM user, a role session name, root). */
  user: string;
  source: string;
  readOnly: boolean;
  /** Where the call came from (sourceIPAddress of the event record), when it says. */
  sourceIp?: string;
  /** errorCode of the event record: the call was refused or failed. */
  errorCode?: string;
}

const HINTS: ErrorHints = {
  accessDenied:
    'The identity of this profile lacks cloudtrail:LookupEvents (IAM policy or SCP): recent events need it; the rest of the panel works without it.',
  badResponse:
    'This endpoint may not serve CloudTrail: set a `cloudtrail` endpoint_url in the profile’s services section, or none to use AWS’s.',
};

/** The fields the panel reads from an event's CloudTrailEvent JSON (never kept whole). */
function recordFields(json: string | undefined): { sourceIp?: string; errorCode?: string } {
  if (!json) return {};
  try {
    const r = JSON.parse(json) as { sourceIPAddress?: unknown; errorCode?: unknown };
    return {
      ...(typeof r.sourceIPAddress === 'string' ? { sourceIp: r.sourceIPAddress } : {}),
      ...(typeof r.errorCode === 'string' ? { errorCode: r.errorCode } : {}),
    };
  } catch {
    return {};
  }
}

export function trailEvent(e: Event): TrailEvent {
  return {
    id: e.EventId ?? '',
    name: e.EventName ?? '',
    time: e.EventTime?.getTime() ?? 0,
    user: e.Username ?? '',
    source: e.EventSource ?? '',
    readOnly: e.ReadOnly === 'true',
    ...recordFields(e.CloudTrailEvent),
  };
}

/** CloudTrail of one profile and region. Obtain it with `AwsLayer.cloudtrail(scope)`. */
export class CloudTrailApi {
  readonly scope: Scope;
  private readonly calls: ServiceCalls<CloudTrailClient>;

  constructor(deps: CloudTrailDeps) {
    this.scope = deps.scope;
    this.calls = new ServiceCalls({ ...deps, service: 'CloudTrail', hints: HINTS });
  }

  stats(): SchedulerStats {
    return this.calls.stats();
  }

  /**
   * The latest `max` events naming `resourceName` (newest first): ⌈max/50⌉ calls at most, fewer
   * when the trail has fewer. Throws AwsError (AccessDenied included: the caller shows it).
   */
  async eventsFor(resourceName: string, max = 20, o: CallOptions = {}): Promise<TrailEvent[]> {
    const out: TrailEvent[] = [];
    let token: string | undefined;
    do {
      const page = await this.calls.call(
        'LookupEvents',
        o,
        () =>
          new LookupEventsCommand({
            LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: resourceName }],
            MaxResults: Math.min(LOOKUP_PAGE_MAX, max - out.length),
            ...(token ? { NextToken: token } : {}),
          }),
      );
      for (const e of page.Events ?? []) if (out.length < max) out.push(trailEvent(e));
      token = page.NextToken;
    } while (token && out.length < max);
    return out;
  }
}
