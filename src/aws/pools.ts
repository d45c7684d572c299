// The pool calls of WorkspacesApi (src/aws/api.ts) beyond Start/Stop: a pool's sessions
// (DescribeWorkspacesPoolSessions, paged, Limit ≤ 50), ending one session
// (TerminateWorkspacesPoolSession) and a pool's capacity and timeouts (UpdateWorkspacesPool).
// Every call goes through the scope's WorkSpaces scheduler: the quota is the API's one.
import {
  DescribeWorkspacesPoolSessionsCommand,
  TerminateWorkspacesPoolSessionCommand,
  UpdateWorkspacesPoolCommand,
  type TimeoutSettings,
  type WorkspacesPool,
  type WorkspacesPoolSession,
} from '@aws-sdk/client-workspaces';
import type { ActionOutcome } from '../core/types';
import type { WorkspacesCalls } from './reads';
import type { CallOptions } from './service';

/** DescribeWorkspacesPoolSessions' page size: Limit50 in the service model (the largest). */
export const POOL_SESSIONS_PAGE = 50;

/** What Set Capacity changes: the desired user sessions and the three timeouts (all optional). */
export interface PoolCapacityChange {
  desiredUserSessions?: number;
  timeouts?: TimeoutSettings;
}

export function workspacesPools(calls: WorkspacesCalls) {
  return {
    /** Every session of a pool (all pages, at most 50 a call). */
    async poolSessions(poolId: string, o?: CallOptions): Promise<WorkspacesPoolSession[]> {
      const all: WorkspacesPoolSession[] = [];
      for await (const page of calls.items(
        'DescribeWorkspacesPoolSessions',
        o,
        { PoolId: poolId, Limit: POOL_SESSIONS_PAGE },
        (i) => new DescribeWorkspacesPoolSessionsCommand(i),
        (p) => p.Sessions,
      )) {
        all.push(...page);
      }
      return all;
    },

    /** Ends one pool session: one outcome (unknown when the answer was lost after sending). */
    async terminatePoolSession(sessionId: string, o?: CallOptions): Promise<ActionOutcome> {
      try {
        await calls.call(
          'TerminateWorkspacesPoolSession',
          o,
          () => new TerminateWorkspacesPoolSessionCommand({ SessionId: sessionId }),
        );
        return { id: sessionId, ok: true };
      } catch (e) {
        return calls.outcome(sessionId, e, 'TerminateWorkspacesPoolSession', o);
      }
    },

    /** Capacity and timeouts of a pool; resolves to the pool as AWS returns it. Throws AwsError. */
    async updatePoolCapacity(
      poolId: string,
      change: PoolCapacityChange,
      o?: CallOptions,
    ): Promise<WorkspacesPool | undefined> {
      const out = await calls.call(
        'UpdateWorkspacesPool',
        o,
        () =>
          new UpdateWorkspacesPoolCommand({
            PoolId: poolId,
            ...(change.desiredUserSessions !== undefined
              ? { Capacity: { DesiredUserSessions: change.desiredUserSessions } }
              : {}),
            ...(change.timeouts && Object.keys(change.timeouts).length > 0 ? { TimeoutSettings: change.timeouts } : {}),
          }),
      );
      return out.WorkspacesPool;
    },
  };
}

export type WorkspacesPools = ReturnType<typeof workspacesPools>;
