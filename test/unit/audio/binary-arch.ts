/**
 * Which CPU architectures a shared library holds, read from its header alone: Mach-O (thin or
 * universal), PE (Windows DLL) and ELF. Pure, so a dependency bump that drops a platform's slice
 * fails here, on a Linux CI machine with no Mac or Windows box. Test support, not product code.
 */
export type Arch = 'x86_64' | 'arm64' | 'i386' | 'arm' | `unknown(${string})`;
export type BinaryFormat = 'mach-o' | 'mach-o-universal' | 'pe' | 'elf';

export interface BinaryArchs {
  format: BinaryFormat;
  archs: Arch[];
}

const MACHO_CPU: Record<number, Arch> = { 0x01000007: 'x86_64', 0x0100000c: 'arm64', 7: 'i386', 12: 'arm' };
const PE_MACHINE: Record<number, Arch> = { 0x8664: 'x86_64', 0xaa64: 'arm64', 0x014c: 'i386', 0x01c4: 'arm' };
const ELF_MACHINE: Record<number, Arch> = { 62: 'x86_64', 183: 'arm64', 3: 'i386', 40: 'arm' };

const FAT_MAGIC = 0xcafebabe;
const FAT_MAGIC_64 = 0xcafebabf;
const MH_MAGIC = 0xfeedface;
const MH_MAGIC_64 = 0xfeedfacf;

function named(table: Record<number, Arch>, code: number): Arch {
  return table[code] ?? `unknown(0x${code.toString(16)})`;
}

function need(bytes: Uint8Array, length: number, what: string): void {
  if (bytes.length < length) throw new Error(`truncated ${what} header: ${bytes.length} bytes, need ${length}`);
}

export function binaryArchs(bytes: Uint8Array): BinaryArchs {
  need(bytes, 4, 'binary');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magicBE = view.getUint32(0, false);
  if (magicBE === FAT_MAGIC || magicBE === FAT_MAGIC_64) {
    // universal header and its arch table are big-endian whatever the slices are
    need(bytes, 8, 'universal Mach-O');
    const count = view.getUint32(4, false);
    const entryBytes = magicBE === FAT_MAGIC ? 20 : 32;
    // Java class files share 0xCAFEBABE; their "count" (a version) is far above any real arch count
    if (count === 0 || count > 32) throw new Error(`not a universal Mach-O: ${count} architectures`);
    need(bytes, 8 + count * entryBytes, 'universal Mach-O');
    const archs: Arch[] = [];
    for (let i = 0; i < count; i++) archs.push(named(MACHO_CPU, view.getUint32(8 + i * entryBytes, false)));
    return { format: 'mach-o-universal', archs };
  }
  const magicLE = view.getUint32(0, true);
  if (magicLE === MH_MAGIC || magicLE === MH_MAGIC_64 || magicBE === MH_MAGIC || magicBE === MH_MAGIC_64) {
    need(bytes, 8, 'Mach-O');
    const littleEndian = magicLE === MH_MAGIC || magicLE === MH_MAGIC_64;
    return { format: 'mach-o', archs: [named(MACHO_CPU, view.getUint32(4, littleEndian))] };
  }
  if (bytes[0] === 0x4d && bytes[1] === 0x5a) {
    need(bytes, 0x40, 'PE (DOS stub)');
    const peOffset = view.getUint32(0x3c, true);
    need(bytes, peOffset + 6, 'PE');
    if (view.getUint32(peOffset, false) !== 0x50450000) throw new Error('MZ file without a PE signature');
    return { format: 'pe', archs: [named(PE_MACHINE, view.getUint16(peOffset + 4, true))] };
  }
  if (magicBE === 0x7f454c46) {
    need(bytes, 20, 'ELF');
    const littleEndian = bytes[5] === 1;
    return { format: 'elf', archs: [named(ELF_MACHINE, view.getUint16(18, littleEndian))] };
  }
  throw new Error(`unknown binary format (magic 0x${magicBE.toString(16).padStart(8, '0')})`);
}
