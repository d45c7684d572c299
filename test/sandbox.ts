// `npm run sandbox`: the whole product with no AWS account. Starts the WorkSpaces emulator with the
// demo fleet (two accounts × two regions), writes a private AWS config + credentials whose two
// profiles point at it (your own ~/.aws is never read or touched), with an IAM Identity Center
// organisation of six accounts (the two, and four more: two with WorkSpaces in eu-central-1) behind
// the config's `[sso-session corp]`, and opens a real VS Code with
// the extension: desktop VS Code when `code` is on PATH, else code-server (provisioned like the
// tests) whose URL is printed. Ctrl-C stops everything.
//   npm run sandbox -- [--port P] [--seed demo|fleet:N] [--latency MS] [--code-server]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startCodeServer, type CodeServer } from './harness/codeServer';
import { INTERACTIVE_VISIBILITY_DELAY_MS, realism, startEmulator, type SeedSpec } from './emulator';
import { clockFromEnvironment } from '../src/core/clock';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function onPath(bin: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
}

async function main(): Promise<void> {
  const seed = (arg('seed') ?? 'demo') as SeedSpec;
  // The API quota is on (startEmulator's default) and new WorkSpaces stay invisible for a while,
  // as on AWS: the sandbox shows how the extension copes with both.
  const emulator = await startEmulator({
    // Today's date, unless WORKSPACES_FLEET_CLOCK pins one (then the extension reads the same).
    clock: clockFromEnvironment(),
    seed,
    transitionMs: 4000,
    latencyMs: Number(arg('latency') ?? 30),
    jitterMs: 20,
    visibilityDelayMs: INTERACTIVE_VISIBILITY_DELAY_MS,
    identityCenter: { accounts: 4, regions: ['eu-central-1'], withWorkspaces: 2, workspaces: 6 },
  });
  const dir = mkdtempSync(join(tmpdir(), 'wsf-sandbox-'));
  const home = join(dir, 'home');
  mkdirSync(join(home, '.aws'), { recursive: true });
  // The sso-session alone: discovering its accounts and roles is the extension's.
  const files = emulator.awsConfigFiles({ sso: { session: 'corp', profiles: [] } });
  const config = join(home, '.aws', 'config');
  const credentials = join(home, '.aws', 'credentials');
  writeFileSync(config, files.config);
  writeFileSync(credentials, files.credentials);
  const regions = Object.fromEntries(emulator.accounts.map((a) => [a.profile, a.regions]));
  const ic = emulator.identityCenter;
  // The SSO portal, SSO OIDC and the APIs of discovered accounts (no profile, so no endpoint_url) at the emulator.
  const env = {
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    HOME: home,
    AWS_PROFILE: '',
    ...ic.endpointEnv(),
  };
  console.log(`WorkSpaces emulator: ${emulator.url} (seed ${typeof seed === 'string' ? seed : JSON.stringify(seed)})`);
  console.log(`As on AWS: ${realism(emulator)}`);
  console.log(`Sandbox AWS config: ${config}`);
  console.log(`Profiles: ${emulator.accounts.map((a) => `${a.profile} (${a.regions.join(', ')})`).join('; ')}`);
  console.log(
    `IAM Identity Center: [sso-session corp], start URL ${ic.startUrl} (sso_region ${ic.region}); ` +
      `accounts ${ic
        .accounts()
        .map((a) => a.accountName)
        .join(', ')}; ${ic.users()[0]} has WorkSpacesAdmin in each.`,
  );
  console.log(
    `Sign-in (device flow): the extension (or AWS CLI v2: aws sso login --sso-session corp, with the sandbox's ` +
      `AWS_CONFIG_FILE and AWS_ENDPOINT_URL_SSO_OIDC=${emulator.url}) opens ${ic.verificationUri}?user_code=…: ` +
      'choose the user, then Approve.',
  );

  let server: CodeServer | undefined;
  const stop = async (): Promise<void> => {
    console.log('\nStopping the sandbox…');
    await server?.stop();
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  const settings = { 'workspacesFleet.regions': regions, 'workbench.startupEditor': 'none' };
  if (onPath('code') && !process.argv.includes('--code-server')) {
    const userData = join(dir, 'code-user');
    mkdirSync(join(userData, 'User'), { recursive: true });
    writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
    const res = spawnSync(
      'code',
      [
        '--new-window',
        '--user-data-dir',
        userData,
        '--extensions-dir',
        join(dir, 'code-ext'),
        `--extensionDevelopmentPath=${ROOT}`,
        join(dir, 'workspace'),
      ],
      { env: { ...process.env, ...env }, stdio: 'inherit' },
    );
    if (res.status !== 0) throw new Error('`code` failed to start');
    console.log('\nOpened desktop VS Code with the extension. Open the WorkSpaces Fleet view in the activity bar.');
  } else {
    const vsix = join(dir, 'workspaces-fleet.vsix');
    const pack = spawnSync(
      join(ROOT, 'node_modules', '.bin', 'vsce'),
      ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix],
      {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    if (pack.status !== 0) throw new Error('packaging the extension failed');
    const port = arg('port') ? Number(arg('port')) : undefined;
    server = await startCodeServer({ vsix, env, settings, dir: join(dir, 'code-server'), ...(port ? { port } : {}) });
    console.log(
      `\nVS Code (code-server) with the extension is running. Open:\n\n    ${server.url}/?folder=${encodeURIComponent(server.folder)}\n`,
    );
    console.log('Then click the WorkSpaces Fleet icon in the activity bar.');
  }
  console.log('Press Ctrl-C to stop the sandbox.');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
