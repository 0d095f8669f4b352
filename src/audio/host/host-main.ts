import { isVoicechatError } from '../../core/errors.js';
import { resolveDevice } from '../devices.js';
import { runCapture } from './capture-host.js';
import { openHostChannel, type HostChannel } from './host-channel.js';
import { listDevices, loadNaudiodon, type Naudiodon } from './naudiodon.js';
import { runPlayer } from './player-host.js';
import type { DeviceInfo, HostConfig } from './protocol.js';
import { assertNever } from '../../core/assert-never.js';

/** Entry of the audio host child process: the only code that loads naudiodon. */
const HEARTBEAT_MS = 200;

function main(): void {
  const config = JSON.parse(process.argv[2] ?? '{}') as HostConfig;
  const channel = openHostChannel();
  setInterval(() => channel.send({ type: 'heartbeat' }), HEARTBEAT_MS);

  let pa: Naudiodon;
  try {
    pa = loadNaudiodon();
  } catch (error) {
    channel.send({ type: 'error', kind: 'unavailable', message: `Could not load naudiodon: ${String(error)}` });
    channel.exit(0);
    return;
  }
  const devices = listDevices(pa);
  switch (config.role) {
    case 'list':
      channel.send({ type: 'devices', devices });
      channel.exit(0);
      return;
    case 'capture':
    case 'player': {
      const device = pickDevice(channel, devices, config);
      if (device === undefined) return;
      try {
        if (config.role === 'capture') runCapture(pa, channel, config, device);
        else runPlayer(pa, channel, config, device);
      } catch (error) {
        channel.send({ type: 'error', kind: 'stream', message: `Could not open ${device.name}: ${String(error)}` });
        channel.exit(0);
      }
      return;
    }
    default:
      assertNever(config.role, 'host role');
  }
}

function pickDevice(channel: HostChannel, devices: DeviceInfo[], config: HostConfig): DeviceInfo | undefined {
  if (devices.length === 0) {
    channel.send({ type: 'error', kind: 'no-devices', message: 'No audio devices found.' });
    channel.exit(0);
    return undefined;
  }
  const direction = config.role === 'capture' ? 'input' : 'output';
  try {
    return resolveDevice(devices, config.device, direction);
  } catch (error) {
    const message = isVoicechatError(error) ? error.message : String(error);
    const validNames = devices
      .filter((d) => (direction === 'input' ? d.maxInputChannels : d.maxOutputChannels) > 0)
      .map((d) => d.name);
    channel.send({ type: 'error', kind: 'device', message, validNames });
    channel.exit(0);
    return undefined;
  }
}

main();
