import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { audioInstallHint } from '../install-hint.js';
import { leanNodeFlags } from '../host/lean-node.js';
import { chooseBackend, type AudioBackendChoice, type Probe, type ResolvedBackend } from './choose-backend.js';
import { PULSE_INSTALL_HINT, probePulse } from './pulse-tools.js';

/**
 * Does naudiodon2 load here? Asked of a throwaway Node process (the parent never loads it): the
 * addon may be missing (`npm ci --ignore-scripts`, no C++ toolchain), built for another arch, or
 * its libportaudio may lack this platform's slice.
 */
export function probePortAudio(timeoutMs = 5000): Promise<Probe> {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve('naudiodon2');
  } catch {
    return Promise.resolve({ ok: false, reason: 'naudiodon2 is not installed' });
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...leanNodeFlags(), '-e', `require(${JSON.stringify(entry)})`],
      { timeout: timeoutMs, encoding: 'utf8' },
      (error, _stdout, stderr) => {
        if (error === null) resolve({ ok: true, detail: 'naudiodon2 (PortAudio) loads' });
        else {
          const line = (/Error: (.*)/.exec(stderr)?.[1] ?? error.message.split('\n')[0] ?? 'unknown error').replace(
            /\.? *Tried:.*$/,
            '',
          );
          resolve({ ok: false, reason: `naudiodon2 does not load: ${line.slice(0, 200)}` });
        }
      },
    );
  });
}

async function probePulseBackend(): Promise<Probe> {
  const p = await probePulse();
  return p.ok ? { ok: true, detail: `pactl answers (${p.server})` } : p;
}

const cache = new Map<AudioBackendChoice, Promise<ResolvedBackend>>();

/**
 * The backend the engine uses for `choice`, and why: what `voicechat devices` and `doctor` print.
 * Memoised per process (a failed probe is retried). Never loads naudiodon in this process.
 */
export function resolveBackend(choice: AudioBackendChoice = 'auto'): Promise<ResolvedBackend> {
  let pending = cache.get(choice);
  if (pending === undefined) {
    pending = chooseBackend(
      choice,
      { portaudio: () => probePortAudio(), pulse: probePulseBackend },
      { portaudio: audioInstallHint(), pulse: PULSE_INSTALL_HINT },
    );
    pending.catch(() => cache.delete(choice));
    cache.set(choice, pending);
  }
  return pending;
}
