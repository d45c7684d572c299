// The WorkSpaces client's login URI (admin guide, "Customize how users log in to their WorkSpaces"):
// `workspaces://USER@REGCODE` registers the client with the directory's registration code and fills
// in the user name. Pure; no vscode. Both parts come from the API (untrusted): the user name is
// percent-encoded (the guide: `@ : / ? & =` must be; encodeURIComponent encodes those and every other
// character that is not plain text in a URI), and the registration code must look like one — a
// Region-based code (`WSpdx+ABC12D`) or an FQDN-based one (`desktop.example.com`) — or no link is
// built at all. A user name that no URI can hold (a lone surrogate) gets no link either.
import { hasLoneSurrogate } from './text';

/** Region-based (`SLiad+ABCDEF`) or FQDN-based (`desktop.example.com`) registration codes. */
const REGION_CODE = /^[A-Za-z0-9]{1,16}\+[A-Za-z0-9]{1,32}$/;
const FQDN_CODE = /^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export function isRegistrationCode(code: string | undefined): code is string {
  return code !== undefined && (REGION_CODE.test(code) || FQDN_CODE.test(code));
}

/**
 * `workspaces://USER@REGCODE`, or `workspaces://@REGCODE` without a user; undefined when the
 * registration code is missing or does not look like one, or the user name is not well-formed
 * Unicode (encodeURIComponent would throw).
 */
export function clientUri(user: string | undefined, registrationCode: string | undefined): string | undefined {
  if (!isRegistrationCode(registrationCode) || (user !== undefined && hasLoneSurrogate(user))) return undefined;
  return `workspaces://${user ? encodeURIComponent(user) : ''}@${registrationCode}`;
}
