// The programs under test and how to start them against a local server.
import type { Dialect } from '../../test/support/replay-server.js';
import { PEER_BUILD_DIR } from '../peers/build-peers.js';

export type SubjectId =
  'vc' | 'vc-pulse' | 'vc-tui' | 'vc-tui-pulse' | 'openai-sdk' | 'vc-gemini' | 'vc-gemini-pulse' | 'genai-sdk';

export type BenchBackend = 'portaudio' | 'pulse';

export interface Subject {
  id: SubjectId;
  label: string;
  dialect: Dialect;
  /** voicechat (timing via VOICECHAT_TRACE_TIMING) or a peer script (BENCH_TIMING_LOG). */
  kind: 'voicechat' | 'peer';
  tui: boolean;
  /** voicechat's `--audio-backend`; undefined for the peers (naudiodon in-process). */
  backend?: BenchBackend;
  args(httpBase: string): string[];
  /** Extra environment for the program under test. */
  env?: Record<string, string>;
}

// Like for like: the SDK loops cancel no echo (they need headphones), so voicechat runs with its
// canceller off here; what AEC3 costs is bench/echo.ts's row (CPU per minute of audio).
const NO_AEC = ['--echo-cancellation', 'off'];
const DEVICES = [
  '--input-device',
  'vc_mic',
  '--output-device',
  'vc_speaker',
  '--audio-backend',
  'portaudio',
  ...NO_AEC,
];
// the pulse backend names PulseAudio's sink (vc_speaker is an ALSA PCM of alsa-vc.conf)
const PULSE_DEVICES = ['--input-device', 'vc_mic', '--output-device', 'vc_out', '--audio-backend', 'pulse', ...NO_AEC];
// headless.ts rejects its own default (Infinity is not an integer), so ask for more turns than a run has
const NO_TUI_TURNS = ['--turns', '100000'];

export const SUBJECTS: Record<SubjectId, Subject> = {
  vc: {
    id: 'vc',
    label: 'voicechat --no-tui',
    dialect: 'openai',
    kind: 'voicechat',
    tui: false,
    backend: 'portaudio',
    args: (base) => [
      'bin/voicechat.js',
      '--provider',
      'openai',
      '--endpoint',
      `${base}/v1`,
      ...DEVICES,
      '--no-tui',
      ...NO_TUI_TURNS,
    ],
  },
  'vc-pulse': {
    id: 'vc-pulse',
    label: 'voicechat --no-tui (pulse)',
    dialect: 'openai',
    kind: 'voicechat',
    tui: false,
    backend: 'pulse',
    args: (base) => [
      'bin/voicechat.js',
      '--provider',
      'openai',
      '--endpoint',
      `${base}/v1`,
      ...PULSE_DEVICES,
      '--no-tui',
      ...NO_TUI_TURNS,
    ],
  },
  'vc-tui': {
    id: 'vc-tui',
    label: 'voicechat (TUI, tmux)',
    dialect: 'openai',
    kind: 'voicechat',
    tui: true,
    backend: 'portaudio',
    args: (base) => ['bin/voicechat.js', '--provider', 'openai', '--endpoint', `${base}/v1`, ...DEVICES],
  },
  'vc-tui-pulse': {
    id: 'vc-tui-pulse',
    label: 'voicechat (TUI, tmux, pulse)',
    dialect: 'openai',
    kind: 'voicechat',
    tui: true,
    backend: 'pulse',
    args: (base) => ['bin/voicechat.js', '--provider', 'openai', '--endpoint', `${base}/v1`, ...PULSE_DEVICES],
  },
  'openai-sdk': {
    id: 'openai-sdk',
    label: 'openai SDK + naudiodon',
    dialect: 'openai',
    kind: 'peer',
    tui: false,
    args: (base) => [`${PEER_BUILD_DIR}/openai-peer.js`, '--base-url', `${base}/v1`],
  },
  'vc-gemini': {
    id: 'vc-gemini',
    label: 'voicechat gemini --no-tui',
    dialect: 'gemini',
    kind: 'voicechat',
    tui: false,
    backend: 'portaudio',
    args: (base) => [
      'bin/voicechat.js',
      '--provider',
      'gemini',
      '--endpoint',
      base,
      ...DEVICES,
      '--no-tui',
      ...NO_TUI_TURNS,
    ],
  },
  'vc-gemini-pulse': {
    id: 'vc-gemini-pulse',
    label: 'voicechat gemini --no-tui (pulse)',
    dialect: 'gemini',
    kind: 'voicechat',
    tui: false,
    backend: 'pulse',
    args: (base) => [
      'bin/voicechat.js',
      '--provider',
      'gemini',
      '--endpoint',
      base,
      ...PULSE_DEVICES,
      '--no-tui',
      ...NO_TUI_TURNS,
    ],
  },
  'genai-sdk': {
    id: 'genai-sdk',
    label: '@google/genai + naudiodon',
    dialect: 'gemini',
    kind: 'peer',
    tui: false,
    args: (base) => [`${PEER_BUILD_DIR}/gemini-peer.js`, '--base-url', base],
  },
};
