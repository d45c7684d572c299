import { mkdir, writeFile, access } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import type { CommandSpec } from '../pipeline/registry';

const TEMPLATE = `# AWS shared config file. WorkSpaces Fleet shows one tree node per profile.
# Examples (uncomment and adapt), then save: the WorkSpaces Fleet view reloads by itself.
#
# [profile admin]
# sso_session = my-sso
# sso_account_id = 111122223333
# sso_role_name = WorkSpacesAdmin
# region = us-east-1
#
# [sso-session my-sso]
# sso_start_url = https://my-company.awsapps.com/start
# sso_region = us-east-1
# sso_registration_scopes = sso:account:access
`;

/** Opens the shared config file the extension reads (creating it with examples if missing). */
export const openConfigFile: CommandSpec = {
  id: 'workspacesFleet.openConfigFile',
  title: 'Open AWS Config File',
  async run(s) {
    const { config } = (await s.aws()).configFiles();
    try {
      await access(config);
    } catch {
      await mkdir(dirname(config), { recursive: true });
      await writeFile(config, TEMPLATE, { flag: 'wx' }).catch(() => undefined);
    }
    await vscode.window.showTextDocument(vscode.Uri.file(config));
  },
};
