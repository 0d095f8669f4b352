// A VAD-acting OpenAI-style server with long spoken replies, for trying voicechat on the virtual
// devices with the echo path by hand (not a test): `npx tsx bench/vad-session.ts [seconds]` prints
// the URL, loads the echo path (120 ms, -6 dB), serves, then prints every speech_started it declared.
import { loadEchoPath, SHORT_REPLIES, spokenReplies } from '../test/audio/echo-rig.js';
import { ensureAudioDevices } from '../test/audio/audio-env.js';
import { startVadServer } from '../test/support/vad-server.js';

const seconds = Number(process.argv[2] ?? 90);
const problem = ensureAudioDevices();
if (problem !== undefined) throw new Error(problem);
const replies = spokenReplies(SHORT_REPLIES, 24_000);
const path = loadEchoPath({ latencyMs: 120, gainDb: -6 });
const server = await startVadServer({ replies, pace: 4 });
console.log(`URL ${server.url}`);
await new Promise((r) => setTimeout(r, seconds * 1000));
console.log(`replies started: ${server.repliesStarted}`);
console.log(`speech_started: ${JSON.stringify(server.speechStarts)}`);
await server.close();
path.unload();
