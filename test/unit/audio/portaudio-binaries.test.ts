import { openSync, readSync, closeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binaryArchs } from './binary-arch.js';

/**
 * The PortAudio libraries naudiodon2 ships and links per platform (its binding.gyp copies them
 * beside the addon). A bump that drops a platform's slice fails here, where no Mac or Windows
 * machine exists. Linux x64 links bin/libportaudio.so.2; 32-bit ARM links bin_armhf; linux-arm64
 * is not served (binding.gyp's `target_arch=="arm"` misses arm64, which then links the x86-64
 * .so and fails): there the `pulse` backend is the way to talk.
 */
const require = createRequire(import.meta.url);
let root: string | undefined;
try {
  root = dirname(require.resolve('naudiodon2/package.json'));
} catch {
  root = undefined; // an optional dependency; installs without it are covered by the pulse backend
}

function headOf(path: string, bytes = 4096): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buffer = new Uint8Array(bytes);
    const n = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

describe.skipIf(root === undefined)('the PortAudio binaries naudiodon2 ships', () => {
  const lib = (path: string): string => join(root ?? '', 'portaudio', path);

  it('macOS: a universal dylib with both x86_64 and arm64 (Apple Silicon) slices', () => {
    const { format, archs } = binaryArchs(headOf(lib('bin/libportaudio.dylib')));
    expect(format).toBe('mach-o-universal');
    expect(archs).toEqual(expect.arrayContaining(['x86_64', 'arm64']));
  });

  it('Windows: an x64 DLL', () => {
    expect(binaryArchs(headOf(lib('bin/portaudio_x64.dll')))).toEqual({ format: 'pe', archs: ['x86_64'] });
  });

  it('Linux: an x86-64 .so, and a 32-bit ARM one for armhf (none for arm64)', () => {
    expect(binaryArchs(headOf(lib('bin/libportaudio.so.2')))).toEqual({ format: 'elf', archs: ['x86_64'] });
    expect(binaryArchs(headOf(lib('bin_armhf/libportaudio.so.2'))).archs).toEqual(['arm']);
  });
});
