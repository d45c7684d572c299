/**
 * npm run emulator -- --port P --seed demo|empty|fleet:N [--latency MS] [--jitter MS]
 *   [--throttle RATE] [--errors RATE] [--transition MS] [--rng-seed N] [--rate R] [--burst B]
 *   [--visibility-delay MS] [--sso-accounts N]
 * The API quota is on by default, as AWS documents it (2 calls/s, burst 5 per account and region);
 * --rate 0 turns it off. New WorkSpaces stay invisible for 15 s (AWS's eventual consistency);
 * --visibility-delay 0 shows them at once. --sso-accounts N adds N accounts to the IAM Identity
 * Center's organisation (the seed's accounts are in it; the config gets its `[sso-session corp]`).
 * Prints the URL and ready-to-paste AWS config/credentials snippets, runs until Ctrl-C.
 */
import { AWS_QUOTA, INTERACTIVE_VISIBILITY_DELAY_MS, realism, startEmulator } from './index';
import type { EmulatorOptions, SeedSpec } from './types';
import { clockFromEnvironment } from '../../src/core/clock';

function parseArgs(argv: string[]): EmulatorOptions {
  const opts: EmulatorOptions = { faults: {}, visibilityDelayMs: INTERACTIVE_VISIBILITY_DELAY_MS };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) {
        throw new Error(`${flag} needs a value`);
      }
      return v;
    };
    const num = (): number => {
      const v = Number(value());
      if (!Number.isFinite(v)) {
        throw new Error(`${flag} needs a number`);
      }
      return v;
    };
    switch (flag) {
      case '--port':
        opts.port = num();
        break;
      case '--seed':
        opts.seed = value() as SeedSpec;
        break;
      case '--latency':
        opts.latencyMs = num();
        break;
      case '--jitter':
        opts.jitterMs = num();
        break;
      case '--throttle':
        opts.faults!.throttleRate = num();
        break;
      case '--errors':
        opts.faults!.errorRate = num();
        break;
      case '--transition':
        opts.transitionMs = num();
        break;
      case '--rate':
        opts.quota = { rate: num(), burst: typeof opts.quota === 'object' ? opts.quota.burst : AWS_QUOTA.burst };
        break;
      case '--burst':
        opts.quota = { rate: typeof opts.quota === 'object' ? opts.quota.rate : AWS_QUOTA.rate, burst: num() };
        break;
      case '--rng-seed':
        opts.rngSeed = num();
        break;
      case '--visibility-delay':
        opts.visibilityDelayMs = num();
        break;
      case '--sso-accounts':
        opts.identityCenter = { ...opts.identityCenter, accounts: num() };
        break;
      case '--help':
      case '-h':
        process.stdout.write(
          'usage: npm run emulator -- [--port P] [--seed demo|empty|fleet:N] [--latency MS] [--jitter MS] [--throttle RATE] [--errors RATE] [--transition MS] [--rng-seed N] [--rate R (calls/s, 0 = no quota; default 2)] [--burst B (default 5)] [--visibility-delay MS (new WorkSpaces invisible this long; default 15000)] [--sso-accounts N (more accounts in the IAM Identity Center)]\n',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${flag}`);
    }
  }
  return opts;
}

async function main(): Promise<void> {
  // Today's date, unless WORKSPACES_FLEET_CLOCK pins one.
  const emu = await startEmulator({ clock: clockFromEnvironment(), ...parseArgs(process.argv.slice(2)) });
  const files = emu.awsConfigFiles({ sso: true });
  const env = Object.entries(emu.identityCenter.endpointEnv())
    .map(([k, v]) => `export ${k}=${v}`)
    .join('\n');
  process.stdout.write(
    `listening on ${emu.url} (WorkSpaces API and CloudWatch GetMetricData)\n` +
      `${realism(emu, { flags: true })}\n\n` +
      `# Control: curl -X POST ${emu.url}/__emulator/counts  (reset, setFaults, failNext, setLatency, setTransitionMs, setQuota, setCloudwatchQuota, setVisibilityDelay, setQuirks, advanceTime, counts, resetCounts, requests)\n\n` +
      `# ~/.aws/config (or the file named by AWS_CONFIG_FILE)\n${files.config}\n` +
      `# ~/.aws/credentials (or the file named by AWS_SHARED_CREDENTIALS_FILE)\n${files.credentials}\n` +
      `# IAM Identity Center (the SDK's SSO clients take their endpoint from these; device flow page ${emu.identityCenter.verificationUri})\n${env}\n\n` +
      `# e.g. aws workspaces describe-workspaces --profile ${emu.accounts[0]?.profile ?? 'sandbox-prod'}\n`,
  );
  const shutdown = (): void => {
    void emu.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
