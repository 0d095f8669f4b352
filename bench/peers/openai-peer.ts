// Peer (a): the loop a user writes from the openai SDK's Realtime examples — OpenAIRealtimeWS,
// mic audio appended as it is captured (24 kHz), output_audio deltas played through naudiodon,
// the playback queue cleared on input_audio_buffer.speech_started.
//   node node_modules/.cache/voicechat-bench-peers/openai-peer.js --base-url http://127.0.0.1:PORT/v1
import { connect, type NetConnectOpts } from 'node:net';
import OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import { arg, exitOnSignal, log, now, openMic, openSpeaker } from './peer-common.js';

exitOnSignal();
const client = new OpenAI({ apiKey: process.env['OPENAI_API_KEY'] ?? 'sk-bench', baseURL: arg('base-url') });
// the SDK always builds a wss:// URL; the local test server speaks plain ws, so hand ws a TCP socket
const createConnection = (o: NetConnectOpts & { host?: string; port?: number }): ReturnType<typeof connect> =>
  connect(o.port ?? 443, o.host ?? '127.0.0.1');
const rt = new OpenAIRealtimeWS({ model: 'gpt-realtime', options: { createConnection } as object }, client);
let lastArrival = 0;
// instrumentation only: stamp each frame as it arrives, before the SDK parses it
rt.socket.prependListener('message', () => {
  lastArrival = now();
  log('ws.frame');
});

const speaker = openSpeaker(arg('speaker', 'vc_speaker'), 24000);

rt.on('session.created', () => {
  log('session.ready');
  rt.send({
    type: 'session.update',
    session: {
      type: 'realtime',
      output_modalities: ['audio'],
      audio: {
        input: { format: { type: 'audio/pcm', rate: 24000 }, turn_detection: { type: 'server_vad' } },
        output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'marin' },
      },
    },
  });
  openMic(arg('mic', 'vc_mic'), 24000, (chunk) => {
    rt.send({ type: 'input_audio_buffer.append', audio: chunk.toString('base64') });
  });
});

rt.on('response.output_audio.delta', (event) => {
  const pcm = Buffer.from(event.delta, 'base64');
  speaker.enqueue(pcm);
  log('play.enqueue', { arrival: lastArrival, samples: pcm.length >> 1 });
});

rt.on('input_audio_buffer.speech_started', () => {
  log('input.speech_started');
  speaker.clear();
});

rt.on('error', (err) => console.error('realtime error', err.message));
rt.socket.on('close', () => process.exit(0));
