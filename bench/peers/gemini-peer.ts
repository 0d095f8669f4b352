// Peer (b): the loop a user writes from Google's Live API samples — @google/genai ai.live.connect,
// mic at 16 kHz sent with sendRealtimeInput, 24 kHz model audio played through naudiodon, the
// playback queue emptied on serverContent.interrupted.
//   node node_modules/.cache/voicechat-bench-peers/gemini-peer.js --base-url http://127.0.0.1:PORT
import { GoogleGenAI, Modality } from '@google/genai';
import { arg, exitOnSignal, log, now, openMic, openSpeaker } from './peer-common.js';

exitOnSignal();
const ai = new GoogleGenAI({
  apiKey: process.env['GEMINI_API_KEY'] ?? 'bench-key',
  httpOptions: { baseUrl: arg('base-url') },
});
const speaker = openSpeaker(arg('speaker', 'vc_speaker'), 24000);
let lastArrival = 0;

const session = await ai.live.connect({
  model: 'gemini-live-2.5-flash-preview',
  config: { responseModalities: [Modality.AUDIO] },
  callbacks: {
    onmessage: (message) => {
      if (message.setupComplete !== undefined) {
        log('session.ready');
        return;
      }
      const content = message.serverContent;
      if (content?.interrupted === true) {
        log('response.interrupted');
        speaker.clear();
        return;
      }
      for (const part of content?.modelTurn?.parts ?? []) {
        if (part.inlineData?.data !== undefined) {
          const pcm = Buffer.from(part.inlineData.data, 'base64');
          speaker.enqueue(pcm);
          log('play.enqueue', { arrival: lastArrival, samples: pcm.length >> 1 });
        }
      }
    },
    onerror: (e) => console.error('live error', e.message),
    onclose: () => process.exit(0),
  },
});
// instrumentation only: stamp each frame as it arrives, before the SDK parses it
const ws = (session as unknown as { conn: { ws: { prependListener(e: 'message', l: () => void): void } } }).conn.ws;
ws.prependListener('message', () => {
  lastArrival = now();
  log('ws.frame');
});
openMic(arg('mic', 'vc_mic'), 16000, (chunk) => {
  session.sendRealtimeInput({ audio: { data: chunk.toString('base64'), mimeType: 'audio/pcm;rate=16000' } });
});
