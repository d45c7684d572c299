// Splitting ids into calls of the API's size (the AWS layer's batches, the commands' runs). Pure.
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
