// A bounded runner: at most n functions at a time, in the order they came (hand-written: a dozen
// lines, and the extension has no runtime dependency that provides one).
/** Runs the functions given to it at most `n` at a time, in the order they were given. */
export function limiter(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  const next = (): void => {
    if (running >= n) return;
    const go = waiting.shift();
    if (go) {
      running++;
      go();
    }
  };
  return <T>(fn: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      waiting.push(() => {
        fn()
          .then(resolve, reject)
          .finally(() => {
            running--;
            next();
          });
      });
      next();
    });
}
