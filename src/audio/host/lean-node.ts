/**
 * Node flags for the audio host processes (and the PortAudio probe): they hold a few 20 ms
 * buffers, so a 1 MB young generation is plenty (the default grows to 16 MB per semi-space under
 * a steady stream of Buffers), and one V8 background thread is enough for their GC. Measured in
 * bench/README.md ("what each lever bought").
 *
 * Not here, measured with bench/host-footprint.ts: `--no-opt`, `--jitless` and `--lite-mode` take
 * 4-6 MB off each host but the interpreted write/meter path raises its CPU 5-40% and, in the
 * player, delays the accept timestamps that are the playback clock (heard-position error 44-70 ms
 * against < 40 in test/audio/playback.test.ts); the other V8 and malloc knobs move RSS < 1 MB.
 */
export function leanNodeFlags(): string[] {
  return ['--max-semi-space-size=1', '--max-old-space-size=64', '--v8-pool-size=1'];
}
