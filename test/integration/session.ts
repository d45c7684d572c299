// The hooks of a suite that runs commands against the demo fleet: the emulator and the extension
// set up once (polling every 2 s), the UI double installed for each test, and after a passing test
// the check that no dialog was unexpected and every prepared answer was used.
import type { TestingApi } from '../../src/extension';
import { fleetLoaded, setSetting, setupFleet, type Fixture } from './fixture';
import { uiPerTest, type Ui } from './ui';

export interface Session {
  fx: Fixture;
  api: TestingApi;
  ui: Ui;
}

/**
 * Registers the hooks; `bind` gets the session once it is set up and again before each test (with
 * that test's UI double). `cleanup` runs before the fixture is disposed; `reset` after each test.
 */
export function commandSession(
  bind: (s: Session) => void,
  o: { cleanup?: () => Promise<void>; reset?: (s: Session) => void } = {},
): void {
  const s = {} as Session;
  before(async () => {
    s.fx = await setupFleet({ seed: 'demo', transitionMs: 400 });
    s.api = s.fx.api;
    await setSetting('pollingIntervalSeconds', 2);
    await fleetLoaded(s.api);
    bind(s);
  });

  after(async () => {
    await setSetting('pollingIntervalSeconds', undefined);
    await o.cleanup?.();
    await s.fx?.dispose();
  });

  const ui = uiPerTest();
  beforeEach(async () => {
    await fleetLoaded(s.api);
    s.fx.emulator.resetCounts();
    s.ui = ui();
    bind(s);
  });

  afterEach(() => o.reset?.(s));
}
