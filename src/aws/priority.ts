// The priority classes of the request scheduler (src/aws/scheduler.ts, whose header says how each is
// served), and a priority that can be raised while its calls wait.

export type Priority = 'action' | 'interactive' | 'background';
export const PRIORITIES: readonly Priority[] = ['action', 'interactive', 'background'];
export const RANK: Readonly<Record<Priority, number>> = { action: 0, interactive: 1, background: 2 };

/**
 * A priority that can be raised while its calls wait (e.g. a page's status call whose rows just
 * scrolled into view). Give the same ref to several calls to raise them together.
 */
export class PriorityRef {
  private readonly listeners = new Set<() => void>();
  constructor(private current: Priority) {}

  get value(): Priority {
    return this.current;
  }

  /** Raises the priority (never lowers it); waiting calls move to their new class at once. */
  raise(p: Priority): void {
    if (RANK[p] >= RANK[this.current]) return;
    this.current = p;
    for (const l of [...this.listeners]) l();
  }

  /** @internal The scheduler listens while a call waits. */
  watch(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
