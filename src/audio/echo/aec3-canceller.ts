import { assertWholeFrames, echoFrameSamples, type EchoCanceller, type EchoStreamRates } from './echo-canceller.js';
import type { LivekitApmBindings } from './livekit-apm-loader.js';

export interface Aec3Options extends EchoStreamRates {
  /** False runs the module for noise suppression only. */
  echoCancellation: boolean;
  noiseSuppression: boolean;
}

export class EchoCancellerInitError extends Error {}

/**
 * One 10 ms frame buffer whose address is taken once, with its request encoded once: a frame costs
 * a copy and one synchronous FFI call, no protobuf encoding.
 */
class FrameSlot {
  readonly bytes: Uint8Array;
  readonly samples: Int16Array;
  readonly request: Uint8Array;

  constructor(
    bindings: LivekitApmBindings,
    kind: 'apmProcessStream' | 'apmProcessReverseStream',
    apmHandle: bigint,
    sampleRate: number,
  ) {
    const frame = echoFrameSamples(sampleRate);
    // >= 160 bytes: V8 keeps such backing stores off-heap, so the address stays valid
    this.bytes = new Uint8Array(new ArrayBuffer(frame * 2));
    this.samples = new Int16Array(this.bytes.buffer);
    const Request =
      kind === 'apmProcessStream' ? bindings.ApmProcessStreamRequest : bindings.ApmProcessReverseStreamRequest;
    const value = new Request({
      apmHandle,
      dataPtr: bindings.livekitRetrievePtr(this.bytes),
      size: this.bytes.byteLength,
      sampleRate,
      numChannels: 1,
    });
    this.request = new bindings.FfiRequest({ message: { case: kind, value } }).toBinary();
  }
}

/**
 * WebRTC's audio processing module: AEC3 (plus optional noise suppression and a high-pass filter) through livekit's FFI.
 * Gain control stays off: the provider's VAD and the meters want the level the user produced.
 */
export class Aec3Canceller implements EchoCanceller {
  readonly kind = 'webrtc' as const;
  readonly #bindings: LivekitApmBindings;
  readonly #rates: EchoStreamRates;
  #handle: { dispose(): void } | undefined;
  readonly #far: FrameSlot;
  readonly #near: FrameSlot;

  readonly #release: () => void;

  /** `release` is called once on dispose (the loader's reference count keeps Node able to exit). */
  constructor(bindings: LivekitApmBindings, options: Aec3Options, release: () => void = () => {}) {
    this.#bindings = bindings;
    this.#release = release;
    this.#rates = { farRate: options.farRate, nearRate: options.nearRate };
    for (const rate of [options.farRate, options.nearRate]) {
      if (!Number.isInteger(echoFrameSamples(rate))) throw new RangeError(`${rate} Hz has no whole 10 ms frame`);
    }
    const request = new bindings.FfiRequest({
      message: {
        case: 'newApm',
        value: new bindings.NewApmRequest({
          echoCancellerEnabled: options.echoCancellation,
          gainControllerEnabled: false,
          highPassFilterEnabled: true,
          noiseSuppressionEnabled: options.noiseSuppression,
        }),
      },
    });
    const response = bindings.FfiResponse.fromBinary(bindings.livekitFfiRequest(request.toBinary())).message;
    const id = (response.value as { apm?: { handle?: { id?: bigint } } } | undefined)?.apm?.handle?.id;
    if (response.case !== 'newApm' || id === undefined) {
      throw new EchoCancellerInitError(`WebRTC audio processing did not create a module (got ${response.case})`);
    }
    this.#handle = new bindings.FfiHandle(id);
    this.#far = new FrameSlot(bindings, 'apmProcessReverseStream', id, options.farRate);
    this.#near = new FrameSlot(bindings, 'apmProcessStream', id, options.nearRate);
  }

  farEnd(pcm: Int16Array): void {
    const frames = assertWholeFrames(pcm, this.#rates.farRate, 'far end');
    const n = this.#far.samples.length;
    for (let i = 0; i < frames; i++) {
      this.#far.samples.set(pcm.subarray(i * n, (i + 1) * n));
      this.#call(this.#far.request);
    }
  }

  nearEnd(pcm: Int16Array): Int16Array {
    const frames = assertWholeFrames(pcm, this.#rates.nearRate, 'near end');
    const n = this.#near.samples.length;
    const out = new Int16Array(pcm.length);
    for (let i = 0; i < frames; i++) {
      this.#near.samples.set(pcm.subarray(i * n, (i + 1) * n));
      this.#call(this.#near.request);
      out.set(this.#near.samples, i * n);
    }
    return out;
  }

  dispose(): void {
    if (this.#handle === undefined) return;
    this.#handle.dispose();
    this.#handle = undefined;
    this.#release();
  }

  #call(request: Uint8Array): void {
    if (this.#handle === undefined) throw new Error('the echo canceller was disposed');
    const bytes = this.#bindings.livekitFfiRequest(request);
    // a success is the 3-byte empty response; decoding it every 10 ms costs ~10% of the canceller
    if (bytes.length === 3 && bytes[2] === 0) return;
    const response = this.#bindings.FfiResponse.fromBinary(bytes).message;
    const error = (response.value as { error?: string } | undefined)?.error;
    if (error !== undefined) throw new Error(`WebRTC audio processing: ${error}`);
  }
}
