import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startReplayServer, type ReplayServer } from '../support/replay-server.js';
import { loadBidiTrace, type TraceLine } from '../support/traces.js';
import { leaks, runCli } from '../support/run-cli.js';
import { parseWav } from '../support/wav-parse.js';
import {
  GEMINI_BARGE_IN_TRACE,
  GEMINI_TOOL_TRACE,
  VERTEX_TEXT_TRACE,
  afterFirstTurn,
  outputAudioBytes,
  outputTranscript,
} from '../unit/providers/gemini/support/gemini-traces.js';

const KEY = 'AIzaSy-test-DUPLEX-0123456789';
const TOKEN = 'ya29.test-DUPLEX-token-0123456789';
const HELLO = new URL('../fixtures/audio/hello.wav', import.meta.url).pathname;
let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const tmp = (): string => mkdtempSync(join(tmpdir(), 'vc-gemini-duplex-'));

/** Text-in traces, spoken instead: the typed turn becomes microphone audio for the gate. */
function spoken(lines: TraceLine[]): TraceLine[] {
  const speech: TraceLine = {
    dir: 'c2s',
    event: {
      realtimeInput: { audio: { data: Buffer.alloc(16000).toString('base64'), mimeType: 'audio/pcm;rate=16000' } },
    },
  };
  return lines.map((l) =>
    l.dir === 'c2s' && ('client_content' in l.event || 'clientContent' in l.event) ? speech : l,
  );
}

describe('headless duplex loop against the Gemini / Vertex replay servers (binary frames)', () => {
  it('barge-in trace: the interrupted reply is cut, the second reply is played in full, no thoughts', async () => {
    const trace = loadBidiTrace(GEMINI_BARGE_IN_TRACE);
    server = await startReplayServer({ trace, dialect: 'gemini', binaryFrames: true, toneHz: 440 });
    const out = join(tmp(), 'reply.wav');
    const result = await runCli(
      ['--provider', 'gemini', '--endpoint', server.httpBase, '--no-tui', '--input-file', HELLO, '--audio-out', out],
      { env: { GEMINI_API_KEY: KEY }, timeoutMs: 30_000 },
    );
    expect(result.code).toBe(0);
    expect(server.skippedGates).toEqual([]);
    expect(result.stdout).toContain('you: Hello, my name is Marcelo.');
    expect(result.stdout).toContain('[interrupted');
    expect(result.stdout).toContain('assistant: Hello again, Marcelo.');
    expect(result.stdout).not.toContain('Acknowledg');
    const secondReplyBytes = outputAudioBytes(trace.slice(afterFirstTurn(trace)));
    const written = parseWav(readFileSync(out)).dataBytes;
    // all of reply #2, and only the part of reply #1 played before the interruption
    expect(written).toBeGreaterThanOrEqual(secondReplyBytes);
    expect(written).toBeLessThan(outputAudioBytes(trace));
    const audioUp = server.received.filter((m) => m.json?.['realtimeInput'] !== undefined);
    expect(audioUp.length).toBeGreaterThan(20);
    expect(leaks(result, KEY)).toBe(false);
  });

  it('tool trace: the mic turn, the tool round trip and the spoken answer', async () => {
    const trace = spoken(loadBidiTrace(GEMINI_TOOL_TRACE));
    server = await startReplayServer({ trace, dialect: 'gemini', binaryFrames: true });
    const out = join(tmp(), 'reply.wav');
    const result = await runCli(
      ['--provider', 'gemini', '--endpoint', server.httpBase, '--no-tui', '--input-file', HELLO, '--audio-out', out],
      { env: { GEMINI_API_KEY: KEY }, timeoutMs: 30_000 },
    );
    expect(result.code).toBe(0);
    expect(server.skippedGates).toEqual([]);
    expect(result.stdout).toContain(`assistant: ${outputTranscript(trace)}`);
    expect(parseWav(readFileSync(out)).dataBytes).toBe(outputAudioBytes(trace));
  });

  it('Vertex trace: transcript and the real audio', async () => {
    const trace = spoken(loadBidiTrace(VERTEX_TEXT_TRACE));
    server = await startReplayServer({ trace, dialect: 'gemini', binaryFrames: true });
    const out = join(tmp(), 'reply.wav');
    const result = await runCli(
      [
        '--provider',
        'vertex',
        '--project',
        'pydantic-ai',
        '--endpoint',
        server.httpBase,
        '--no-tui',
        '--input-file',
        HELLO,
        '--audio-out',
        out,
      ],
      { env: { VERTEX_ACCESS_TOKEN: TOKEN }, timeoutMs: 30_000 },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('assistant: Hello there!');
    expect(parseWav(readFileSync(out)).dataBytes).toBe(outputAudioBytes(trace));
    expect(leaks(result, TOKEN)).toBe(false);
  });

  it('goAway mid-conversation: resumes on a new socket with the handle and the second turn is answered', async () => {
    const first = spoken(loadBidiTrace(GEMINI_TOOL_TRACE));
    const handleIndex = first.findIndex((l) => 'sessionResumptionUpdate' in l.event);
    const second: TraceLine[] = [
      first[0]!,
      { dir: 's2c', event: { setupComplete: {} } },
      ...first.filter((l) => l.dir === 'c2s' && 'realtimeInput' in l.event),
      ...first.slice(handleIndex + 1).filter((l) => l.dir === 's2c'),
    ];
    server = await startReplayServer({
      trace: (connection) => (connection === 0 ? first : second),
      dialect: 'gemini',
      binaryFrames: true,
      onScriptEnd: (ws, connection) => {
        if (connection === 0) ws.send(Buffer.from(JSON.stringify({ goAway: { timeLeft: '50s' } })), { binary: true });
      },
    });
    const out = join(tmp(), 'reply.wav');
    const result = await runCli(
      [
        '--provider',
        'gemini',
        '--endpoint',
        server.httpBase,
        '--no-tui',
        '--input-file',
        HELLO,
        '--audio-out',
        out,
        '--turns',
        '2',
      ],
      { env: { GEMINI_API_KEY: KEY }, timeoutMs: 30_000 },
    );
    expect(result.code).toBe(0);
    expect(server.upgrades).toHaveLength(2);
    const resumed = server.received.find((m) => m.connection === 1 && m.json?.['setup'] !== undefined)?.json;
    expect(resumed).toMatchObject({ setup: { sessionResumption: { handle: '95e91930-b35b-482b-8880-17efc49ec2f2' } } });
    expect(server.skippedGates).toEqual([]);
    const answers = result.stdout.split('\n').filter((l) => l.startsWith(`assistant: ${outputTranscript(first)}`));
    expect(answers).toHaveLength(2);
    expect(parseWav(readFileSync(out)).dataBytes).toBe(2 * outputAudioBytes(first));
    // the trace's get_weather is no tool of ours: the model is told so, and that line is expected
    const stderr = result.stderr.split('\n').filter((l) => !l.startsWith('tool failed: get_weather('));
    expect(stderr.join('\n')).not.toContain('error');
  });
});
