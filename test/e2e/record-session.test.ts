import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEventLines } from '../../src/record/event-line.js';
import { startReplayServer, type ReplayServer } from '../support/replay-server.js';
import { loadBidiTrace, type TraceLine } from '../support/traces.js';
import { BIN, REPO_ROOT, leaks, runCli, headlessArgs } from '../support/run-cli.js';
import { parseWav } from '../support/wav-parse.js';

const KEY = 'sk-test-RECORD-KEY-7771234';
const env = { OPENAI_API_KEY: KEY };
const TRACE = 'openai-ga__audio-in-server-vad__input-transcription__full-audio-response';
let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const tmp = (): string => mkdtempSync(join(tmpdir(), 'vc-record-'));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * `voicechat replay DIR [--json]`; until the command is registered in src/cli.ts, the same
 * function is run from the built dist directly.
 */
async function replayCli(dir: string, json = false): Promise<{ code: number | null; stdout: string }> {
  const viaCli = await runCli(['replay', dir, ...(json ? ['--json'] : [])], { timeoutMs: 10_000 });
  if (viaCli.code === 0) return viaCli;
  const script = `const m = await import(${JSON.stringify(`${REPO_ROOT}dist/commands/replay.js`)}); process.exitCode = await m.runReplay({ dir: ${JSON.stringify(dir)}, json: ${json} });`;
  return runCli([], { nodeArgs: ['--input-type=module', '-e', script], timeoutMs: 10_000 });
}

/** Seconds of audio in a stereo PCM16 data chunk and where each channel is not silent. */
function channelActivity(data: Buffer, rate: number): { seconds: number; left: number; right: number } {
  const s = new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  let left = 0;
  let right = 0;
  for (let i = 0; i + 1 < s.length; i += 2) {
    if (Math.abs(s[i]!) > 300) left++;
    if (Math.abs(s[i + 1]!) > 300) right++;
  }
  return { seconds: s.length / 2 / rate, left: left / rate, right: right / rate };
}

describe('--record DIR', () => {
  it('writes a stereo WAV (mic left, played reply right), events.jsonl and transcript.md; replay prints them', async () => {
    const trace = loadBidiTrace(TRACE);
    server = await startReplayServer({ trace, dialect: 'openai', toneHz: 440, audioPace: 1 });
    const dir = tmp();
    const result = await runCli(headlessArgs(`${server.httpBase}/v1`, join(dir, 'out.wav'), '--record', dir), {
      env,
      timeoutMs: 30_000,
    });
    expect(result.code).toBe(0);
    const wav = parseWav(readFileSync(join(dir, 'conversation.wav')));
    expect(wav).toMatchObject({ channels: 2, sampleRate: 24000, bitsPerSample: 16 });
    const activity = channelActivity(wav.data, 24000);
    // the reply as played lands on the right channel: exactly what --audio-out got
    const played = parseWav(readFileSync(join(dir, 'out.wav')));
    expect(Math.abs(activity.right - played.dataBytes / 2 / 24000)).toBeLessThan(0.1);
    expect(activity.left).toBeGreaterThan(0.3);

    const events = parseEventLines(readFileSync(join(dir, 'events.jsonl'), 'utf8'));
    expect(events.skipped).toBe(0);
    expect(events.header?.sampleRate).toBe(24000);
    const types = events.events.map((e) => e.event.type);
    expect(types).toContain('input.transcript.done');
    expect(types).toContain('response.done');
    expect(types).not.toContain('levels');
    const raw = readFileSync(join(dir, 'events.jsonl'), 'utf8');
    expect(raw).not.toContain(KEY);
    expect(raw).not.toContain('"pcm"');

    const userText = trace.find((l) => l.event['type'] === 'conversation.item.input_audio_transcription.completed')!
      .event['transcript'] as string;
    const replyText = trace.find((l) => l.event['type'] === 'response.output_audio_transcript.done')!.event[
      'transcript'
    ] as string;
    const md = readFileSync(join(dir, 'transcript.md'), 'utf8');
    expect(md).toContain(`): ${userText.trim()}`);
    expect(md).toMatch(/\*\*Assistant\*\* \(\d\d:\d\d\.\d, latency \d+ ms(, [\d,]+ tok)?\): /);
    expect(md).toContain(replyText.split(' ')[0]!);

    const replay = await replayCli(dir);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toMatch(/\[\d\d:\d\d\.\d\] you: /);
    expect(replay.stdout).toContain(`assistant (first audio played after`);
    const json = await replayCli(dir, true);
    const parsed = JSON.parse(json.stdout) as { turns: { kind: string; text?: string }[] };
    expect(parsed.turns.map((t) => t.kind)).toEqual(['user', 'assistant']);
    expect(leaks(result, KEY)).toBe(false);
  });

  it('barge-in: the right channel ends where the user stopped hearing the reply; transcript marks it interrupted', async () => {
    const base = loadBidiTrace('openai-ga__barge-in__speech-started__truncate__response-cancelled-turn_detected');
    const first = (base.find((l) => l.event['type'] === 'response.created')!.event['response'] as { id: string }).id;
    const speechIndex = base.findIndex((l, i) => i > 10 && l.event['type'] === 'input_audio_buffer.speech_started');
    const delta = base.find(
      (l) => l.event['type'] === 'response.output_audio.delta' && l.event['response_id'] === first,
    )!;
    const extra = (n: number): TraceLine[] => Array.from({ length: n }, () => structuredClone(delta));
    const trace = [
      ...base.slice(0, speechIndex),
      ...extra(56),
      base[speechIndex]!,
      ...extra(20),
      ...base.slice(speechIndex + 1),
    ];
    server = await startReplayServer({ trace, dialect: 'openai', toneHz: 440, audioPace: 1 });
    const dir = tmp();
    const result = await runCli(headlessArgs(`${server.httpBase}/v1`, join(dir, 'out.wav'), '--record', dir), {
      env,
      timeoutMs: 30_000,
    });
    expect(result.code).toBe(0);
    const played = parseWav(readFileSync(join(dir, 'out.wav'))).dataBytes / 2 / 24000;
    const activity = channelActivity(parseWav(readFileSync(join(dir, 'conversation.wav'))).data, 24000);
    // what was recorded as heard is what the (virtual) speaker played: the cut reply, then the next
    expect(Math.abs(activity.right - played)).toBeLessThan(0.1);
    const md = readFileSync(join(dir, 'transcript.md'), 'utf8');
    expect(md).toMatch(/\*interrupted: heard \d+(\.\d)? m?s of /);
  });

  it('kill -9 mid-session: the WAV opens (after the next start repairs it), events.jsonl parses to its last full line, the transcript holds every completed turn', async () => {
    const trace = loadBidiTrace(TRACE);
    server = await startReplayServer({ trace, dialect: 'openai', toneHz: 440, audioPace: 1 });
    const dir = tmp();
    // --turns 3 with a one-reply trace: the session stays open, the mic keeps streaming
    const child = spawn(
      process.execPath,
      [BIN, ...headlessArgs(`${server.httpBase}/v1`, join(tmp(), 'out.wav'), '--turns', '3', '--record', dir)],
      {
        cwd: REPO_ROOT,
        env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: tmp(), NO_COLOR: '1', ...env },
        stdio: 'ignore',
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    const transcriptPath = join(dir, 'transcript.md');
    const deadline = Date.now() + 20_000;
    while (
      !(existsSync(transcriptPath) && readFileSync(transcriptPath, 'utf8').includes('**Assistant**')) &&
      Date.now() < deadline
    ) {
      await sleep(100);
    }
    await sleep(1500); // mid-session: well after the reply, the recording still growing
    const killedAtMs = Date.now();
    const startedMs = Date.parse(
      parseEventLines(readFileSync(join(dir, 'events.jsonl'), 'utf8')).header?.startedAt ?? '',
    );
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // the "next start": replay repairs the directory before reading it
    const replay = await replayCli(dir);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toContain('assistant');
    const wav = parseWav(readFileSync(join(dir, 'conversation.wav')));
    expect(wav.channels).toBe(2);
    const seconds = wav.dataBytes / 4 / 24000;
    // at most the last second (plus the write lag) is lost
    const aliveSeconds = (killedAtMs - startedMs) / 1000;
    expect(seconds).toBeGreaterThan(aliveSeconds - 1.5);
    expect(seconds).toBeLessThanOrEqual(aliveSeconds + 0.2);

    const raw = readFileSync(join(dir, 'events.jsonl'), 'utf8');
    expect(raw.endsWith('\n')).toBe(true);
    for (const line of raw.split('\n').filter((l) => l !== '')) expect(() => JSON.parse(line) as unknown).not.toThrow();
    const md = readFileSync(transcriptPath, 'utf8');
    expect(md).toMatch(/\*\*You\*\* \(\d\d:\d\d\.\d\): \S/);
    expect(md).toMatch(/\*\*Assistant\*\* \(\d\d:\d\d\.\d, latency \d+ ms(, [\d,]+ tok)?\): \S/);

    // a new recording into the same directory keeps the killed one
    server.close().catch(() => undefined);
    server = await startReplayServer({ trace, dialect: 'openai', toneHz: 440 });
    const again = await runCli(headlessArgs(`${server.httpBase}/v1`, join(tmp(), 'out.wav'), '--record', dir), {
      env,
      timeoutMs: 30_000,
    });
    expect(again.code).toBe(0);
    const replayAgain = await replayCli(dir, true);
    expect((JSON.parse(replayAgain.stdout) as { turns: unknown[] }).turns.length).toBe(2);
  });
});
