import { describe, expect, it } from 'vitest';
import { binaryArchs } from './binary-arch.js';

function be32(...words: number[]): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  const view = new DataView(out.buffer);
  words.forEach((w, i) => view.setUint32(i * 4, w, false));
  return out;
}

function pe(machine: number, peOffset = 0x80): Uint8Array {
  const out = new Uint8Array(peOffset + 24);
  const view = new DataView(out.buffer);
  out.set([0x4d, 0x5a]);
  view.setUint32(0x3c, peOffset, true);
  view.setUint32(peOffset, 0x50450000, false);
  view.setUint16(peOffset + 4, machine, true);
  return out;
}

function elf(machine: number, littleEndian = true): Uint8Array {
  const out = new Uint8Array(64);
  const view = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, 2, littleEndian ? 1 : 2]);
  view.setUint16(18, machine, littleEndian);
  return out;
}

describe('binaryArchs', () => {
  it('lists every slice of a universal Mach-O (32-bit fat header)', () => {
    const fat = be32(0xcafebabe, 2, 0x01000007, 3, 0x4000, 0x1000, 14, 0x0100000c, 0, 0x8000, 0x1000, 14);
    expect(binaryArchs(fat)).toEqual({ format: 'mach-o-universal', archs: ['x86_64', 'arm64'] });
  });

  it('reads the 64-bit fat header with its 32-byte entries', () => {
    const fat = be32(0xcafebabf, 2, 7, 3, 0, 0x1000, 0, 0x1000, 12, 0, 0x0100000c, 0, 0, 0x2000, 0, 0x1000, 14, 0);
    expect(binaryArchs(fat).archs).toEqual(['i386', 'arm64']);
  });

  it('reads a thin 64-bit Mach-O (little-endian on disk)', () => {
    const thin = new Uint8Array([0xcf, 0xfa, 0xed, 0xfe, 0x0c, 0x00, 0x00, 0x01, 0, 0, 0, 0]);
    expect(binaryArchs(thin)).toEqual({ format: 'mach-o', archs: ['arm64'] });
  });

  it('names what naudiodon 2.3.6 shipped (i386 + x86_64): arm64 is absent', () => {
    const old = be32(0xcafebabe, 2, 7, 3, 0x1000, 0x1000, 12, 0x01000007, 3, 0x4000, 0x1000, 12);
    expect(binaryArchs(old).archs).not.toContain('arm64');
  });

  it('reads the PE machine of a Windows DLL', () => {
    expect(binaryArchs(pe(0x8664))).toEqual({ format: 'pe', archs: ['x86_64'] });
    expect(binaryArchs(pe(0x014c, 0xf8)).archs).toEqual(['i386']);
    expect(binaryArchs(pe(0xaa64)).archs).toEqual(['arm64']);
  });

  it('reads the ELF machine in either byte order', () => {
    expect(binaryArchs(elf(62))).toEqual({ format: 'elf', archs: ['x86_64'] });
    expect(binaryArchs(elf(40)).archs).toEqual(['arm']);
    expect(binaryArchs(elf(183, false)).archs).toEqual(['arm64']);
  });

  it('keeps an unknown cpu code visible instead of guessing', () => {
    expect(binaryArchs(elf(0x1234)).archs).toEqual(['unknown(0x1234)']);
  });

  it('refuses truncated, foreign and look-alike files with a reason', () => {
    expect(() => binaryArchs(new Uint8Array([0x7f, 0x45]))).toThrow(/truncated binary/);
    expect(() => binaryArchs(be32(0xcafebabe, 2, 0x01000007))).toThrow(/truncated universal/);
    expect(() => binaryArchs(be32(0xcafebabe, 0x34))).toThrow(/not a universal Mach-O/); // a Java class file
    expect(() => binaryArchs(new TextEncoder().encode('#!/bin/sh\n'))).toThrow(/unknown binary format/);
    const noPe = pe(0x8664);
    noPe[0x80] = 0;
    expect(() => binaryArchs(noPe)).toThrow(/without a PE signature/);
  });
});
