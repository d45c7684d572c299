// The streaming protocol of a WorkSpace (src/core/protocol.ts): its label, the `protocol:` filter
// term, and why AWS would refuse the move to DCV.
import * as assert from 'node:assert/strict';
import type { WorkspaceProperties } from '@aws-sdk/client-workspaces';
import { matchesFilter } from '../../../src/core/filter';
import type { WorkspaceView } from '../../../src/core/present';
import { isPcoip, protocolLabel, whyNotDcv } from '../../../src/core/protocol';

const ws = (props: WorkspaceProperties, state = 'AVAILABLE'): WorkspaceView =>
  ({ WorkspaceId: 'ws-abc123def', State: state, WorkspaceProperties: props }) as WorkspaceView;

describe('core/protocol: PCoIP, DCV and the protocol: filter', () => {
  it('labels PCOIP as PCoIP, WSP (and DCV) as DCV, nothing as unknown', () => {
    assert.equal(protocolLabel(ws({ Protocols: ['PCOIP'] })), 'PCoIP');
    assert.equal(protocolLabel(ws({ Protocols: ['WSP'] })), 'DCV');
    assert.equal(protocolLabel(ws({})), '');
    assert.ok(isPcoip(ws({ Protocols: ['PCOIP'] })));
    assert.ok(!isPcoip(ws({ Protocols: ['PCOIP', 'WSP'] })), 'both: already on DCV');
  });

  it('the filter term protocol:pcoip / protocol:dcv picks the WorkSpaces on each', () => {
    const pcoip = ws({ Protocols: ['PCOIP'] });
    const dcv = ws({ Protocols: ['WSP'] });
    assert.ok(matchesFilter(pcoip, 'protocol:pcoip'));
    assert.ok(!matchesFilter(dcv, 'protocol:pcoip'));
    assert.ok(matchesFilter(dcv, 'protocol:dcv'));
    assert.ok(!matchesFilter(pcoip, 'protocol:dcv'));
  });

  it('refuses what AWS refuses: already DCV, Windows 7, GPU bundles, a moving WorkSpace', () => {
    assert.equal(whyNotDcv(ws({ Protocols: ['PCOIP'], ComputeTypeName: 'STANDARD' })), undefined);
    assert.equal(whyNotDcv(ws({ Protocols: ['PCOIP'] }, 'STOPPED')), undefined);
    assert.match(whyNotDcv(ws({ Protocols: ['WSP'] })) ?? '', /already DCV/);
    assert.match(whyNotDcv(ws({ Protocols: ['PCOIP'], OperatingSystemName: 'WINDOWS_7' })) ?? '', /Windows 7/);
    assert.match(whyNotDcv(ws({ Protocols: ['PCOIP'], ComputeTypeName: 'GRAPHICSPRO' })) ?? '', /GPU/);
    assert.match(whyNotDcv(ws({ Protocols: ['PCOIP'] }, 'REBUILDING')) ?? '', /REBUILDING/);
  });
});
