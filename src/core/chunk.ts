// Splitting ids into calls of the API's size. Pure; the AWS layer's copy in aws/concurrency.ts can
// import this one (that folder belongs to the request scheduler's change).
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
