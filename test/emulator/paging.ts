/**
 * Opaque NextTokens: the last key of the page, HMAC-bound to the query (operation, account, region
 * and filters). Items are served in ascending key order and the next page starts after the last
 * key, so items added or removed between pages never cause duplicates or skip remaining items.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { invalidParameter } from './errors';

export class Pager {
  private readonly secret = randomBytes(32);

  /**
   * @param binding what the token is bound to (op, account, region, filters) — not the page size.
   * @param sorted items in ascending `keyOf` order.
   */
  page<T>(
    binding: unknown,
    sorted: readonly T[],
    keyOf: (item: T) => string,
    limit: number,
    token: string | undefined,
  ): { items: T[]; nextToken?: string } {
    let start = 0;
    if (token !== undefined) {
      const last = this.open(binding, token);
      if (last === undefined) {
        throw invalidParameter('The specified NextToken is not valid for this request.');
      }
      start = upperBound(sorted, keyOf, last);
    }
    const items = sorted.slice(start, start + limit);
    const more = start + limit < sorted.length;
    return more ? { items, nextToken: this.seal(binding, keyOf(items[items.length - 1])) } : { items };
  }

  /** A token carrying `key`, valid only for the same `binding`. */
  seal(binding: unknown, key: string): string {
    const body = Buffer.from(JSON.stringify({ v: 1, k: key })).toString('base64url');
    return `${body}.${this.mac(body, stableStringify(binding))}`;
  }

  /** The key of a token sealed for `binding`; undefined when the token is not one (or not for it). */
  open(binding: unknown, token: string): string | undefined {
    const [body, mac, rest] = token.split('.');
    if (!body || !mac || rest !== undefined || mac !== this.mac(body, stableStringify(binding))) {
      return undefined;
    }
    const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { k: string };
    return parsed.k;
  }

  private mac(body: string, bind: string): string {
    return createHmac('sha256', this.secret).update(bind).update('\n').update(body).digest('base64url').slice(0, 32);
  }
}

/** Index of the first item whose key is > `key` (binary search). */
function upperBound<T>(sorted: readonly T[], keyOf: (item: T) => string, key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyOf(sorted[mid]) <= key) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

export function stableStringify(v: unknown): string {
  if (Array.isArray(v)) {
    return `[${v.map(stableStringify).join(',')}]`;
  }
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
