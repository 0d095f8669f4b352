import { describe, expect, it } from 'vitest';
import { bytesToPcm, encodePacket, PacketDecoder, pcmToBytes } from '../../../src/audio/host/protocol.js';

describe('host packet framing', () => {
  it('reassembles packets cut at every possible byte', () => {
    const pcm = Int16Array.from([1, -2, 3, 32767, -32768]);
    const stream = Buffer.concat([
      encodePacket({ type: 'pcm', responseId: 'r1' }, pcmToBytes(pcm)),
      encodePacket({ type: 'end' }),
      encodePacket({ type: 'mute', muted: true }),
    ]);
    for (let cut = 1; cut < stream.length; cut++) {
      const decoder = new PacketDecoder<{ type: string }>();
      const packets = [...decoder.push(stream.subarray(0, cut)), ...decoder.push(stream.subarray(cut))];
      expect(packets.map((p) => p.header.type)).toEqual(['pcm', 'end', 'mute']);
      expect(Array.from(bytesToPcm(packets[0]?.payload ?? Buffer.alloc(0)))).toEqual(Array.from(pcm));
      expect(packets[1]?.payload.length).toBe(0);
    }
  });
});
