import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { base64ToPcm16, pcm16ToBase64 } from '../../../../src/core/pcm-codec.js';
import { startVadServer, type VadServer } from '../../../support/vad-server.js';

let server: VadServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const loud = (samples: number) => Int16Array.from({ length: samples }, (_, i) => Math.round(8000 * Math.sin(i / 3)));

describe('VAD-acting replay server (for the CLI echo e2e)', () => {
  it('streams replies and declares speech_started after 200 ms of loud input, cancelling the reply', async () => {
    server = await startVadServer({ replies: [loud(24_000 * 5)], pace: 4 });
    const ws = new WebSocket(server.url.replace('http', 'ws') + '/realtime');
    const types: string[] = [];
    let audioSamples = 0;
    ws.on('message', (data: Buffer) => {
      const event = JSON.parse(data.toString()) as { type: string; delta?: string; response?: { status?: string } };
      types.push(event.type === 'response.done' ? `response.done:${event.response?.status}` : event.type);
      if (event.type === 'response.output_audio.delta') audioSamples += base64ToPcm16(event.delta ?? '').length;
    });
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ type: 'session.update', session: {} }));
    await new Promise((r) => setTimeout(r, 300));
    expect(types.slice(0, 3)).toEqual(['session.created', 'session.updated', 'response.created']);
    // 100 ms of quiet input does nothing; 300 ms of loud input is the user (or an echo)
    ws.send(JSON.stringify({ type: 'input_audio_buffer.append', audio: pcm16ToBase64(new Int16Array(2400)) }));
    for (let k = 0; k < 15; k++) {
      ws.send(JSON.stringify({ type: 'input_audio_buffer.append', audio: pcm16ToBase64(loud(480)) }));
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(types).toContain('input_audio_buffer.speech_started');
    expect(types).toContain('response.done:cancelled');
    expect(server.speechStarts).toHaveLength(1);
    expect(server.speechStarts[0]?.duringReply).toBe(true);
    // the reply stopped streaming when it was cancelled
    const streamed = audioSamples;
    await new Promise((r) => setTimeout(r, 200));
    expect(audioSamples).toBe(streamed);
    expect(streamed).toBeLessThan(24_000 * 5);
    ws.close();
  });
});
