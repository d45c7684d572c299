/**
 * Other endpoints' quirks (private endpoints, third-party emulators), applied to an answer after the
 * operation ran: for the extension's survival tests. The answer is copied, never the live records.
 */
import type { Quirks } from './types';

export const NO_QUIRKS: Quirks = {
  unsupportedOperations: [],
  numericFailureCodes: false,
  omitFailureCodes: false,
  omitFields: [],
  aliasEqualsId: false,
};

/** The HTML page a proxy or an endpoint without the operation answers with (HTTP 500). */
export const HTML_500 =
  '<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n<center><h1>500 Internal Server Error</h1></center>\r\n</body>\r\n</html>\r\n';

type Obj = Record<string, unknown>;

/**
 * A numeric stand-in for a FailedRequests code: 404 for not found, 409 for a state or an existing
 * resource, 400 otherwise (which numbers such endpoints send is unknown).
 */
function numericCode(code: unknown): number {
  const s = typeof code === 'string' ? code : '';
  return s.startsWith('ResourceNotFound') ? 404 : /^(InvalidResourceState|ResourceExists)/.test(s) ? 409 : 400;
}

function without(o: Obj, fields: readonly string[]): Obj {
  const copy = { ...o };
  for (const f of fields) {
    delete copy[f];
  }
  return copy;
}

export function applyQuirks(q: Quirks, result: object): object {
  const r = result as Obj;
  const touched =
    q.numericFailureCodes || q.omitFailureCodes || q.omitFields.length > 0 || (q.aliasEqualsId && 'Directories' in r);
  if (!touched) {
    return result;
  }
  const out: Obj = { ...r };
  if (Array.isArray(r.FailedRequests) && (q.numericFailureCodes || q.omitFailureCodes)) {
    out.FailedRequests = (r.FailedRequests as Obj[]).map((f) => {
      if (q.omitFailureCodes) {
        return without(f, ['ErrorCode']);
      }
      return { ...f, ErrorCode: numericCode(f.ErrorCode) };
    });
  }
  if (q.omitFields.length > 0) {
    for (const key of ['Workspaces', 'PendingRequests', 'WorkspacesConnectionStatus']) {
      if (Array.isArray(r[key])) {
        out[key] = (r[key] as Obj[]).map((x) => without(x, q.omitFields));
      }
    }
  }
  if (q.aliasEqualsId && Array.isArray(r.Directories)) {
    out.Directories = (r.Directories as Obj[]).map((d) => ({ ...d, Alias: d.DirectoryId }));
  }
  return out;
}
