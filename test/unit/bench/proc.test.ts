import { describe, expect, it } from 'vitest';
import { processRole, UNRESOLVED } from '../../../bench/lib/proc.js';

describe('processRole', () => {
  it('names the root main, Node hosts by the role in their config, anything else by its executable', () => {
    expect(processRole(10, 10, 'node', 'node bin/voicechat.js --no-tui')).toBe('main');
    const host = (role: string): string =>
      `node --max-semi-space-size=1 /repo/dist/audio/host/host-main.js {"role":"${role}","device":"vc_mic"}`;
    expect(processRole(11, 10, 'node', host('capture'))).toBe('capture host');
    expect(processRole(12, 10, 'node', host('player'))).toBe('player host');
    expect(processRole(13, 10, 'pacat', 'pacat --raw --latency-msec=100')).toBe('pacat');
    expect(processRole(14, 10, 'parec', 'parec --raw')).toBe('parec');
    // between fork and exec a child still shows the parent's command line
    expect(processRole(15, 10, 'node', 'node bin/voicechat.js --no-tui')).toBe(UNRESOLVED);
  });
});
