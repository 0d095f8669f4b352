/**
 * Node flags for the audio host processes (and the PortAudio probe): they hold a few 20 ms
 * buffers, so a 1 MB young generation is plenty (the default grows to 16 MB per semi-space under
 * a steady stream of Buffers), and one V8 background thread is enough for their GC. Measured in
 * bench/README.md ("what each lever bought").
 */
export function leanNodeFlags(): string[] {
  return ['--max-semi-space-size=1', '--max-old-space-size=64', '--v8-pool-size=1'];
}
