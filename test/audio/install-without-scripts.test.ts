import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplayServer } from '../support/replay-server.js';
import { loadBidiTrace } from '../support/traces.js';
import { REPO_ROOT, runCli } from '../support/run-cli.js';
import { ensureAudioDevices, recordMonitor, sleep, AUDIO_BACKEND, SPEAKER } from './audio-env.js';

const problem = ensureAudioDevices();

/**
 * What `npm ci --ignore-scripts` leaves (a machine without a C++ toolchain, or npm refusing
 * unapproved install scripts): the sources, every package, naudiodon2 without its compiled
 * binding, and no dist/ because `prepare` never ran. Packages are symlinked from this checkout's
 * node_modules (a real install takes a minute and the network); naudiodon2 is a copy without build/.
 */
function checkoutWithoutScripts(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vc-noscripts-'));
  for (const entry of ['bin', 'src', 'package.json', 'tsconfig.json', 'tsconfig.build.json']) {
    cpSync(join(REPO_ROOT, entry), join(dir, entry), { recursive: true });
  }
  const modules = join(dir, 'node_modules');
  mkdirSync(modules);
  for (const name of readdirSync(join(REPO_ROOT, 'node_modules'))) {
    if (name === 'naudiodon2') continue;
    symlinkSync(join(REPO_ROOT, 'node_modules', name), join(modules, name));
  }
  cpSync(join(REPO_ROOT, 'node_modules', 'naudiodon2'), join(modules, 'naudiodon2'), {
    recursive: true,
    filter: (source) => !source.includes(`${join('naudiodon2', 'build')}`),
  });
  return dir;
}

// one pass is enough: `auto` is under test, whichever backend the pass forces elsewhere
describe.skipIf(problem !== undefined || AUDIO_BACKEND !== 'pulse')(
  'an install that ran no scripts (no C++ toolchain) still talks, through pulse',
  () => {
    let dir = '';
    beforeAll(() => {
      dir = checkoutWithoutScripts();
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('the first run builds dist/, auto picks pulse and says why; the reply plays on the speaker', async () => {
      const bin = join(dir, 'bin', 'voicechat.js');
      expect(existsSync(join(dir, 'node_modules', 'naudiodon2', 'build'))).toBe(false);
      expect(existsSync(join(dir, 'dist'))).toBe(false);
      const devices = await runCli(['devices'], { bin, timeoutMs: 90_000 });
      expect(devices.stderr).toContain('building dist/ once');
      expect(devices.code).toBe(0);
      expect(devices.stdout.split('\n')[0]).toMatch(
        /^Audio backend: pulse \(auto: PortAudio unavailable \(naudiodon2 does not load: .+\); pactl answers/,
      );
      expect(devices.stdout).toContain('vc_mic');
      expect(existsSync(join(dir, 'dist', 'cli', 'main.js'))).toBe(true);

      const server = await startReplayServer({
        trace: loadBidiTrace('openai-beta__text-in__audio-out__full-response'),
        dialect: 'openai',
        toneHz: 440,
      });
      const monitor = recordMonitor();
      await sleep(200);
      const spoken = await runCli(
        ['--endpoint', `${server.httpBase}/v1`, '--text', 'hi', '--speak', '--output-device', SPEAKER],
        { bin, env: { OPENAI_API_KEY: 'sk-test-NOSCRIPTS-1234567' } },
      );
      await sleep(200);
      await monitor.stop();
      await server.close();
      expect(spoken.stderr).not.toContain('building');
      expect(spoken.code).toBe(0);
      let loud = 0;
      for (const s of monitor.samples()) if (Math.abs(s) > 2000) loud++;
      expect(loud / 48).toBeGreaterThan(500);
    });

    it('without TypeScript to build it, the error says what to run', async () => {
      const bare = mkdtempSync(join(tmpdir(), 'vc-nobuild-'));
      cpSync(join(REPO_ROOT, 'bin'), join(bare, 'bin'), { recursive: true });
      const result = await runCli(['--help'], { bin: join(bare, 'bin', 'voicechat.js') });
      rmSync(bare, { recursive: true, force: true });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('TypeScript is not installed');
      expect(result.stderr).toContain('npm run build');
    });
  },
);
