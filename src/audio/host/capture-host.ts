import { FrameChunker, samplesFor } from '../chunker.js';
import { LevelWindow } from '../meter.js';
import { nowMs, type HostChannel } from './host-channel.js';
import { onceQuit, type Naudiodon } from './naudiodon.js';
import { bytesToPcm, pcmToBytes, type DeviceInfo, type HostConfig } from './protocol.js';
import { assertNever } from '../../core/assert-never.js';

/** Captures the input device in `frameMs` frames; meters and mutes here, where the samples are. */
export function runCapture(pa: Naudiodon, channel: HostChannel, config: HostConfig, device: DeviceInfo): void {
  const frameSamples = samplesFor(config.frameMs, config.sampleRate);
  const stream = pa.AudioIO({
    inOptions: {
      deviceId: device.id,
      sampleRate: config.sampleRate,
      channelCount: 1,
      sampleFormat: pa.SampleFormat16Bit,
      framesPerBuffer: frameSamples,
      highwaterMark: frameSamples * 2 * 4,
      maxQueue: 8,
      closeOnError: false,
    },
  });
  const quit = onceQuit(stream);
  const chunker = new FrameChunker(frameSamples);
  const levels = new LevelWindow(50);
  let isMuted = false;

  stream.on('data', (bytes: Buffer) => {
    for (const frame of chunker.push(bytesToPcm(bytes))) {
      if (isMuted) frame.fill(0);
      levels.add(frame);
      // the meter rides on the frame that completes its window: one packet per frame, not two
      const level = levels.take(nowMs());
      channel.send(level === undefined ? { type: 'frame' } : { type: 'frame', levels: level }, pcmToBytes(frame));
    }
  });
  stream.on('error', (error: Error) => {
    channel.send({ type: 'error', kind: 'stream', message: `Capture from ${device.name} failed: ${error.message}` });
  });

  channel.onMessage((message) => {
    switch (message.type) {
      case 'mute':
        isMuted = message.muted;
        return;
      case 'quit':
        // an input quit does not drain; bounded anyway because a hung quit() would keep us alive
        setTimeout(() => channel.exit(0), 300).unref();
        void quit().then(() => channel.exit(0));
        return;
      case 'pcm':
      case 'end':
        return;
      default:
        assertNever(message, 'capture message');
    }
  });

  stream.start();
  channel.send({ type: 'ready', deviceName: device.name });
}
