import { createRequire } from 'node:module';

/** The slice of `@livekit/rtc-ffi-bindings` the AEC3 wrapper uses (a protobuf request API). */
export interface LivekitApmBindings {
  livekitInitialize(callback: (data: Uint8Array) => void, captureLogs: boolean, sdkVersion: string): void;
  livekitFfiRequest(data: Uint8Array): Uint8Array;
  livekitRetrievePtr(data: Uint8Array): bigint;
  livekitDispose(): Promise<void>;
  FfiHandle: new (handle: bigint) => { dispose(): void };
  FfiRequest: ProtoClass<{ toBinary(): Uint8Array }>;
  FfiResponse: { fromBinary(bytes: Uint8Array): { message: { case: string | undefined; value?: unknown } } };
  NewApmRequest: ProtoClass<object>;
  ApmProcessStreamRequest: ProtoClass<object>;
  ApmProcessReverseStreamRequest: ProtoClass<object>;
  ApmSetStreamDelayRequest: ProtoClass<object>;
}
type ProtoClass<T> = new (data: Record<string, unknown>) => T;

export type ApmLoadResult =
  | {
      ok: true;
      bindings: LivekitApmBindings;
      binaryPackage: string;
      /** Call once per module created; the returned release ends the runtime after the last one. */
      acquire(): () => void;
    }
  | { ok: false; reason: string; binaryPackage: string | undefined };

const PACKAGE = '@livekit/rtc-ffi-bindings';
/** The prebuilt binaries published for 0.12.x (the package's napi triples). */
const BINARIES: Readonly<Record<string, string>> = {
  'darwin-arm64': 'darwin-arm64',
  'darwin-x64': 'darwin-x64',
  'linux-arm64-gnu': 'linux-arm64-gnu',
  'linux-x64-gnu': 'linux-x64-gnu',
  'win32-x64': 'win32-x64-msvc',
};

/** The platform package that would hold the native binary, or undefined when none is published. */
export function apmBinaryPackage(platform: NodeJS.Platform, arch: string, isMusl: boolean): string | undefined {
  const key = platform === 'linux' ? `${platform}-${arch}-${isMusl ? 'musl' : 'gnu'}` : `${platform}-${arch}`;
  const triple = BINARIES[key];
  return triple === undefined ? undefined : `${PACKAGE}-${triple}`;
}

function detectMusl(): boolean {
  if (process.platform !== 'linux') return false;
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  return report?.header?.glibcVersionRuntime === undefined;
}

let cached: ApmLoadResult | undefined;
let users = 0;
let disposing: Promise<void> = Promise.resolve();

/**
 * Loads the optional WebRTC audio processing bindings once. Never throws: a machine without them
 * gets a reason to show (`doctor`, `--explain`) and the echo gate instead.
 */
export function loadLivekitApm(): ApmLoadResult {
  if (cached !== undefined) return cached;
  const binaryPackage = apmBinaryPackage(process.platform, process.arch, detectMusl());
  if (binaryPackage === undefined) {
    const where = `${process.platform}-${process.arch}${detectMusl() ? ' (musl)' : ''}`;
    cached = { ok: false, binaryPackage, reason: `WebRTC audio processing has no prebuilt binary for ${where}` };
    return cached;
  }
  try {
    const bindings = createRequire(import.meta.url)(PACKAGE) as LivekitApmBindings;
    cached = { ok: true, bindings, binaryPackage, acquire: () => acquire(bindings) };
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? String(error);
    const missing = /Cannot find (module|package)/.test(message);
    cached = {
      ok: false,
      binaryPackage,
      reason: missing
        ? `${PACKAGE} or ${binaryPackage} is not installed (optional dependency; \`npm install ${PACKAGE}\`)`
        : `${PACKAGE} (${binaryPackage}) failed to load: ${message}`,
    };
  }
  return cached;
}

/**
 * The FFI runtime keeps Node's event loop alive from initialize until dispose, so it lives exactly
 * as long as some module uses it.
 */
function acquire(bindings: LivekitApmBindings): () => void {
  if (users++ === 0) {
    // events are only sent for async requests; the APM requests are all synchronous
    bindings.livekitInitialize(() => {}, false, 'voicechat');
  }
  let isReleased = false;
  return () => {
    if (isReleased) return;
    isReleased = true;
    if (--users === 0) disposing = bindings.livekitDispose().catch(() => {});
  };
}

/** Resolves when the runtime released by the last canceller has shut down (tests, clean exits). */
export function livekitApmIdle(): Promise<void> {
  return disposing;
}
