import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { ControllerEvent } from '../../../src/core/controller-events.js';
import { EventEmitter } from 'node:events';
import chalk from 'chalk';
import { render as inkRender } from 'ink';
import { App, layoutFor } from '../../../src/ui/app.js';
import type { Intent } from '../../../src/ui/keymap.js';
import { initialState, reduce } from '../../../src/ui/state/conversation.js';
import { splitHeard } from '../../../src/ui/state/transcript.js';
import { MeterBoard } from '../../../src/ui/state/meter-board.js';
import { createStore } from '../../../src/ui/state/store.js';
import { createTheme } from '../../../src/ui/theme.js';

const info = {
  provider: 'OpenAI Realtime',
  model: 'gpt-realtime',
  voice: 'marin',
  profile: 'work',
  vad: 'server' as const,
};
/** The store and the meter board fed as src/modes/chat.tsx feeds them: levels to the board, the rest to the store. */
function feed(events: ControllerEvent[], tickAtMs?: number) {
  const store = createStore(reduce, initialState(info, 0));
  const meters = new MeterBoard();
  for (const event of events) {
    if (event.type === 'levels') meters.levels(event, 1000);
    else store.dispatch({ type: 'event', event, atMs: 1000 });
  }
  if (tickAtMs !== undefined) {
    store.dispatch({ type: 'tick', atMs: tickAtMs });
    meters.tick(tickAtMs);
  }
  return { store, meters };
}

function setup(events: ControllerEvent[] = [], columns?: number) {
  const { store, meters } = feed(events);
  const intents: Intent[] = [];
  const sent: string[] = [];
  if (columns !== undefined) Object.defineProperty(process.stdout, 'columns', { value: columns, configurable: true });
  const view = render(
    <App
      store={store}
      meters={meters}
      theme={createTheme(true)}
      onIntent={(i) => intents.push(i)}
      onSend={(t) => sent.push(t)}
    />,
  );
  return { ...view, store, meters, intents, sent };
}
const tick = () => new Promise((r) => setTimeout(r, 30));
const ESC = String.fromCharCode(27);

/** A terminal of a given width for the real App (ink-testing-library's is always 100 columns). */
class SizedStdout extends EventEmitter {
  lastFrame = '';
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }
  write = (frame: string): boolean => {
    // under CI Ink writes only at unmount, the frame followed by a lone newline: keep the frame
    if (frame.trim() !== '') this.lastFrame = frame;
    return true;
  };
}
class NoKeyboard extends EventEmitter {
  isTTY = false;
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
  read = (): null => null;
}

function narrowFrame(events: ControllerEvent[], tickAtMs?: number): string {
  const { store, meters } = feed(events, tickAtMs);
  const stdout = new SizedStdout(60, 24);
  const instance = inkRender(
    <App store={store} meters={meters} theme={createTheme(true)} onIntent={() => undefined} onSend={() => undefined} />,
    {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stderr: new SizedStdout(60, 24) as unknown as NodeJS.WriteStream,
      stdin: new NoKeyboard() as unknown as NodeJS.ReadStream,
      debug: true,
      exitOnCtrlC: false,
      patchConsole: false,
    },
  );
  instance.unmount();
  return stdout.lastFrame;
}

/** The frame with styles on (the tests run with colour off), to see what is struck through. */
function strikeFrame(events: ControllerEvent[]): string {
  const level = chalk.level;
  chalk.level = 1;
  try {
    const { lastFrame, unmount } = setup(events);
    const frame = lastFrame() ?? '';
    unmount();
    return frame;
  } finally {
    chalk.level = level;
  }
}

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

  it('audio ready: the header says which echo mode and backend run; a fallback is a notice line', () => {
    const { lastFrame } = setup([
      { type: 'status', status: 'connected' },
      {
        type: 'audio.ready',
        echo: 'gate',
        noiseSuppression: false,
        backend: 'pulse',
        degradedReason: 'no AEC3 here; using the echo gate',
      },
    ]);
    const frame = lastFrame() ?? '';
    expect(frame).toContain('echo: gate · pulse  ● connected');
    expect(frame).toContain('no AEC3 here; using the echo gate');
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
    // a quarter was heard: that part stays plain, the rest is struck through (SGR 9 … 29)
    const styled = strikeFrame([
      { type: 'response.text.delta', responseId: 'r1', delta: 'One two three four' },
      { type: 'interrupted', responseId: 'r1', heardMs: 250, receivedMs: 1000, cause: 'user-speech' },
    ]);
    const { heard, unheard } = splitHeard({ text: 'One two three four', heardFraction: 0.25 });
    expect(heard.length).toBeGreaterThan(0);
    const plain = (text: string): string => text.replace(new RegExp(`${ESC}\\[\\d+m`, 'g'), '');
    const struck = [...styled.matchAll(new RegExp(`${ESC}\\[9m(.*?)${ESC}\\[29m`, 'g'))].map((m) => plain(m[1]!));
    expect(struck).toEqual([unheard]);
    expect(plain(styled.slice(0, styled.indexOf(`${ESC}[9m`)))).toContain(heard);
  });

  it('error: shown inline with its code; reconnecting shows the attempt', () => {
    const { lastFrame } = setup([
      { type: 'error', error: { code: 'invalid_value', message: 'Invalid value', fatal: false } },
      { type: 'status', status: 'reconnecting', attempt: 3 },
    ]);
    expect(lastFrame()).toContain('[invalid_value] Invalid value');
    expect(lastFrame()).toContain('reconnecting (3)');
  });

  it('narrow terminal (60 columns): App fits every line, loud (CLIP) and quiet (hint) alike', () => {
    const loud = narrowFrame([
      { type: 'status', status: 'reconnecting', attempt: 2 },
      { type: 'audio.ready', echo: 'local', noiseSuppression: false, backend: 'portaudio' },
      { type: 'response.text.delta', responseId: 'r1', delta: 'word '.repeat(40) },
      { type: 'levels', input: { rmsDb: -3, peakDb: 0 }, output: { rmsDb: -20, peakDb: -10 } },
    ]);
    expect(loud).toContain('reconnecting (2)');
    expect(loud).toContain('echo: local  ● reconnecting (2)');
    expect(loud).toContain('CLIP');
    const quiet = narrowFrame(
      [
        { type: 'status', status: 'reconnecting', attempt: 2 },
        { type: 'levels', input: { rmsDb: -80, peakDb: -70 }, output: { rmsDb: -100, peakDb: -100 } },
      ],
      7000,
    );
    expect(quiet).toContain('mic too quiet?');
    for (const frame of [loud, quiet]) {
      const widest = Math.max(...frame.split('\n').map((l) => [...l.trimEnd()].length));
      expect(widest).toBeLessThanOrEqual(60);
      // the App used the terminal's width, not a wider default
      expect(widest).toBeGreaterThan(50);
    }
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
