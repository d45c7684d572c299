// The request economy of a listing, as a formula: the fewest calls that list a scope (what the
// benchmark and the tests compare ScopeModel's calls with).

/** How many calls each part of a listing needs, at the least. */
export interface ListingCalls {
  directories: number;
  workspaces: number;
  status: number;
  total: number;
}

/**
 * The fewest calls that list a scope's directories and WorkSpaces with their connection status:
 * ⌈D/25⌉ directory pages and ⌈N/25⌉ region-wide WorkSpaces pages (at least one each, an empty
 * listing is one call), plus ⌈N/25⌉ status calls (≤ 25 ids each, one per page). What ScopeModel
 * makes: 1 + 2⌈N/25⌉ for N WorkSpaces in ≤ 25 directories. (Per-directory listing would need
 * Σ⌈n_d/25⌉ pages, never fewer.)
 */
export function minimumListingCalls(shape: { directories: number; workspaces: number }): ListingCalls {
  const pages = (n: number): number => Math.ceil(n / 25);
  const directories = Math.max(1, pages(shape.directories));
  const workspaces = Math.max(1, pages(shape.workspaces));
  const status = pages(shape.workspaces);
  return { directories, workspaces, status, total: directories + workspaces + status };
}
