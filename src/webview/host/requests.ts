// Requests to a webview page and their replies, matched by id: the host posts a message carrying
// `requestId` and the page answers with a message carrying the same id. A reply to a request that
// is no longer open (it timed out, or the panel closed) is no one's answer. Pure (no vscode): the
// host (./host.ts) posts and receives, this keeps the books.

export class Requests<R> {
  private last = 0;
  private readonly open = new Map<number, (reply: R | undefined) => void>();

  /**
   * A new request: its id (to put in the message) and its reply, undefined when none came within
   * `timeoutMs` (a hidden page cannot answer: it is not kept alive when hidden) or on cancelAll.
   */
  start(timeoutMs: number): { readonly id: number; readonly reply: Promise<R | undefined> } {
    const id = ++this.last;
    const reply = new Promise<R | undefined>((resolve) => {
      const timer = setTimeout(() => settle(undefined), timeoutMs);
      const settle = (value: R | undefined): void => {
        clearTimeout(timer);
        this.open.delete(id);
        resolve(value);
      };
      this.open.set(id, settle);
    });
    return { id, reply };
  }

  /** A reply came for request `id`: true when it answered an open request. */
  answer(id: number, reply: R): boolean {
    const settle = this.open.get(id);
    if (!settle) return false;
    settle(reply);
    return true;
  }

  /** Every open request ends without a reply (the panel closed). */
  cancelAll(): void {
    for (const settle of [...this.open.values()]) settle(undefined);
  }

  /** How many requests wait for their reply. */
  get pending(): number {
    return this.open.size;
  }
}
