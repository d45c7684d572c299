// The one way the tests wait for something that happens by itself (a poll, a listing, a render):
// `probe` is asked every 50 ms until it gives a value (not undefined or false), which is returned.
// The deadline is generous on purpose (a busy 2-core machine): it only bounds a broken run, it is
// never a timing assertion. A probe that throws is asked again; its last error is in the timeout.
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  let last: unknown;
  while (performance.now() < deadline) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
}
