import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { ControllerEvent } from '../../../src/core/controller-events.js';
import { Box } from 'ink';
import { App, layoutFor } from '../../../src/ui/app.js';
import { Header } from '../../../src/ui/components/header.js';
import { LevelMeter } from '../../../src/ui/components/level-meter.js';
import { StatusBar } from '../../../src/ui/components/status-bar.js';
import { LiveTranscript } from '../../../src/ui/components/transcript.js';
import type { Intent } from '../../../src/ui/keymap.js';
import { initialState, reduce } from '../../../src/ui/state/conversation.js';
import { createStore } from '../../../src/ui/state/store.js';
import { createTheme } from '../../../src/ui/theme.js';

const info = {
  provider: 'OpenAI Realtime',
  model: 'gpt-realtime',
  voice: 'marin',
  profile: 'work',
  vad: 'server' as const,
};
function setup(events: ControllerEvent[] = [], columns?: number) {
  const store = createStore(reduce, initialState(info, 0));
  for (const event of events) store.dispatch({ type: 'event', event, atMs: 1000 });
  const intents: Intent[] = [];
  const sent: string[] = [];
  if (columns !== undefined) Object.defineProperty(process.stdout, 'columns', { value: columns, configurable: true });
  const view = render(
    <App store={store} theme={createTheme(true)} onIntent={(i) => intents.push(i)} onSend={(t) => sent.push(t)} />,
  );
  return { ...view, store, intents, sent };
}
const tick = () => new Promise((r) => setTimeout(r, 30));

describe('TUI frames', () => {
  it('idle: header with provider, model, voice, profile and connection state; empty transcript hint', () => {
    const { lastFrame } = setup();
    const frame = lastFrame() ?? '';
    expect(frame).toContain('voicechat OpenAI Realtime · gpt-realtime · voice marin · profile work');
    expect(frame).toContain('● connecting');
    expect(frame).toContain('press t to type');
    expect(frame).toMatch(/mic .*-∞ dB/);
    expect(frame).toContain('listening');
  });

  it('listening and speaking: transcript streams, meters move, latency shows', () => {
    const { lastFrame } = setup([
      { type: 'status', status: 'connected' },
      { type: 'input.speech_started', itemId: 'u1' },
      { type: 'input.transcript.done', itemId: 'u1', text: 'What time is it?' },
      { type: 'turn', state: 'assistant-speaking' },
      { type: 'response.text.delta', responseId: 'r1', delta: 'It is half past' },
      { type: 'levels', input: { rmsDb: -30, peakDb: -20 }, output: { rmsDb: -12, peakDb: -6 } },
      {
        type: 'latency',
        turn: { firstAudioMs: 500, firstPlayedMs: 620 },
        summary: { turns: 1, p50Ms: 620, p95Ms: 620, last: undefined },
      },
    ]);
    const frame = lastFrame() ?? '';
    expect(frame).toContain('● connected');
    expect(frame).toMatch(/you\s+What time is it\?/);
    expect(frame).toMatch(/ai\s+It is half past▍/);
    expect(frame).toContain('assistant speaking');
    expect(frame).toMatch(/spk █+/);
    expect(frame).toContain('-12 dB');
    expect(frame).toContain('latency 620 ms');
  });

  it('interrupted: the unheard part is struck, the turn is marked', () => {
    const { lastFrame } = setup([
      { type: 'response.text.delta', responseId: 'r1', delta: 'One two three four' },
      { type: 'interrupted', responseId: 'r1', heardMs: 250, receivedMs: 1000, cause: 'user-speech' },
      { type: 'turn', state: 'interrupted' },
    ]);
    const frame = lastFrame() ?? '';
    expect(frame).toContain('⏹ interrupted');
    expect(frame).toContain('One two three four');
  });

  it('error: shown inline with its code; reconnecting shows the attempt', () => {
    const { lastFrame } = setup([
      { type: 'error', error: { code: 'invalid_value', message: 'Invalid value', fatal: false } },
      { type: 'status', status: 'reconnecting', attempt: 3 },
    ]);
    expect(lastFrame()).toContain('[invalid_value] Invalid value');
    expect(lastFrame()).toContain('reconnecting (3)');
  });

  it('narrow terminal (60 columns): nothing is wider than the terminal', () => {
    const store = createStore(reduce, initialState(info, 0));
    for (const event of [
      { type: 'status', status: 'reconnecting', attempt: 2 },
      { type: 'response.text.delta', responseId: 'r1', delta: 'word '.repeat(40) },
      { type: 'levels', input: { rmsDb: -3, peakDb: 0 }, output: { rmsDb: -20, peakDb: -10 } },
    ] as const) {
      store.dispatch({ type: 'event', event, atMs: 1000 });
    }
    const state = store.getSnapshot();
    const layout = layoutFor(60, 24, state);
    const theme = createTheme(true);
    const { lastFrame } = render(
      <Box flexDirection="column" width={layout.width}>
        <LiveTranscript
          entries={state.transcript}
          rows={layout.transcriptRows}
          width={layout.width}
          theme={theme}
          showHint={false}
        />
        <Header state={state} theme={theme} width={layout.width} />
        <LevelMeter label="mic" meter={state.mic} cells={layout.meterCells} theme={theme} hint="mic too quiet?" />
        <StatusBar state={state} theme={theme} width={layout.width} />
      </Box>,
    );
    const lines = (lastFrame() ?? '').split('\n');
    expect(Math.max(...lines.map((l) => [...l.trimEnd()].length))).toBeLessThanOrEqual(60);
    expect(lastFrame()).toContain('reconnecting (2)');
    expect(lastFrame()).toContain('CLIP');
  });

  it.each([
    [40, 24, { width: 60, meterCells: 24, transcriptRows: 6 }],
    [60, 24, { width: 60, meterCells: 24, transcriptRows: 6 }],
    [100, 24, { width: 100, meterCells: 40, transcriptRows: 6 }],
    [100, 9, { width: 100, meterCells: 40, transcriptRows: 3 }],
    [200, 5, { width: 200, meterCells: 40, transcriptRows: 2 }],
  ])('layout for %i x %i columns/rows', (columns, rows, expected) => {
    expect(layoutFor(columns, rows, { typing: false, showHelp: false })).toEqual(expected);
  });

  it('keys become intents; typing mode sends a message', async () => {
    const { stdin, intents, sent, lastFrame } = setup();
    await tick();
    stdin.write('m');
    stdin.write('s');
    await tick();
    stdin.write('?');
    await tick();
    expect(lastFrame()).toContain('push-to-talk');
    stdin.write('t');
    await tick();
    stdin.write('hi');
    await tick();
    expect(lastFrame()).toContain('› hi');
    stdin.write('\r');
    await tick();
    stdin.write('q');
    await tick();
    expect(intents).toEqual(['toggle-mute', 'interrupt', 'quit']);
    expect(sent).toEqual(['hi']);
  });
});
