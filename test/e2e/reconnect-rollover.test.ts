import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startReplayServer, type ReplayServer } from '../support/replay-server.js';
import { loadBidiTrace } from '../support/traces.js';
import { leaks, runCli, headlessArgs } from '../support/run-cli.js';

const KEY = 'sk-test-ROLLOVER-KEY-2468';
const trace = loadBidiTrace('openai-ga__audio-in-server-vad__input-transcription__full-audio-response');
const userText = trace.find((l) => l.event['type'] === 'conversation.item.input_audio_transcription.completed')!.event[
  'transcript'
] as string;
const reply = trace.find((l) => l.event['type'] === 'response.output_audio_transcript.done')!.event[
  'transcript'
] as string;
/** Real providers give every connection fresh ids; so does this replay (ids only, not the `item_id` keys). */
const freshIds = (connection: number) =>
  JSON.parse(JSON.stringify(trace).replace(/"(resp|item)_(?!id")/g, `"$1_c${connection}_`)) as typeof trace;
let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const out = (): string => join(mkdtempSync(join(tmpdir(), 'vc-roll-')), 'reply.wav');
const itemsOf = (s: ReplayServer, connection: number) =>
  s.received
    .filter((m) => m.connection === connection && m.json?.['type'] === 'conversation.item.create')
    .map((m) => m.json!['item'] as { role: string; content: { text: string }[] })
    .map((item) => ({ role: item.role, text: item.content[0]!.text }));

describe('sessions that survive', () => {
  it('after a drop between turns the conversation is re-sent and the next reply is produced', async () => {
    server = await startReplayServer({
      trace: freshIds,
      dialect: 'openai',
      toneHz: 440,
      onScriptEnd: (ws, connection) => {
        if (connection === 0) setTimeout(() => ws.close(1011, 'internal error'), 300);
      },
    });
    const result = await runCli(headlessArgs(`${server.httpBase}/v1`, out(), '--turns', '2'), {
      env: { OPENAI_API_KEY: KEY },
      timeoutMs: 30_000,
    });
    expect(result.stderr).toContain('reconnecting (1)');
    expect(result.code).toBe(0);
    expect(server.sockets).toHaveLength(2);
    const seeded = itemsOf(server, 1);
    expect(seeded.slice(0, 2)).toEqual([
      { role: 'user', text: userText },
      { role: 'assistant', text: reply },
    ]);
    expect(seeded[2]?.role).toBe('system');
    // the history goes in before any new audio
    const firstAudio = server.received.findIndex(
      (m) => m.connection === 1 && m.json?.['type'] === 'input_audio_buffer.append',
    );
    const lastItem = server.received.findLastIndex(
      (m) => m.connection === 1 && m.json?.['type'] === 'conversation.item.create',
    );
    expect(lastItem).toBeLessThan(firstAudio);
    expect(result.stdout.split('\n').filter((l) => l === `assistant: ${reply}`)).toHaveLength(2);
    expect(leaks(result, KEY)).toBe(false);
  });

  it('a 5 s session cap rolls over twice in one run, quietly, with the transcript intact', async () => {
    server = await startReplayServer({ trace: freshIds, dialect: 'openai', toneHz: 440, audioGateMs: 600 });
    const result = await runCli(headlessArgs(`${server.httpBase}/v1`, out(), '--turns', '3', '--session-cap', '5'), {
      env: { OPENAI_API_KEY: KEY },
      timeoutMs: 40_000,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('reconnecting');
    expect(result.stderr).not.toContain('error');
    expect(server.sockets.length).toBeGreaterThanOrEqual(3);
    // each renewed connection carries everything said before it
    expect(itemsOf(server, 1).filter((i) => i.role !== 'system')).toEqual([
      { role: 'user', text: userText },
      { role: 'assistant', text: reply },
    ]);
    // …including the turn held on the previous renewed connection
    const second = itemsOf(server, 2).filter((i) => i.role !== 'system');
    expect(second.slice(0, 2)).toEqual(itemsOf(server, 1).filter((i) => i.role !== 'system'));
    expect(second.filter((i) => i.role === 'assistant')).toHaveLength(2);
    expect(result.stdout.split('\n').filter((l) => l === `assistant: ${reply}`)).toHaveLength(3);
  });
});
