import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { leanNodeFlags } from '../../../src/audio/host/lean-node.js';

describe('lean Node flags of the audio hosts', () => {
  // a flag this Node no longer knows, or one V8 overrides with a warning, would show on stderr;
  // CI runs this on every Node the project supports (20 and later)
  it('this Node accepts every flag silently', () => {
    const run = spawnSync(process.execPath, [...leanNodeFlags(), '-e', 'process.stdout.write("ok")'], {
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('ok');
    expect(run.status).toBe(0);
  });
});
