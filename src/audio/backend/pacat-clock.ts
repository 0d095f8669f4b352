/** Where the listener is in the stream at `atMs`: samples of the stream that have been heard. */
export interface PlayedReport {
  atMs: number;
  playedSamples: number;
}

const TIME_LINE = /Time: (\d+(?:\.\d+)?) sec; Latency: (\d+) usec/;
const STARTED_LINE = /Stream started/;

/**
 * The pulse backend's real output clock. `pacat --verbose` prints, every 50 ms, the stream's time:
 * what the server has played out of the sink (its latency included), in stream samples, i.e. the
 * same count as the bytes we wrote. The pump's own clock only assumes a start and real-time
 * progress; this one is measured, so a reply that starts on the server's prebuffer, a stall or an
 * underrun show up as they happen (the echo canceller's far end and the heard position rely on it).
 *
 * The line is stamped when it reaches us, which a busy event loop delays. While the stream plays
 * without a break, `arrival - time` is least for the least-delayed line, so that minimum anchors
 * the stretch (reset when the stream restarts), as the capture clock does for the microphone.
 * Pure: text and arrival times in, reports out.
 */
export class PacatClock {
  readonly #sampleRate: number;
  #carry = '';
  #lastTimeS = -1;
  #anchorMs: number | undefined;
  #restarted = true;

  constructor(sampleRate: number) {
    this.#sampleRate = sampleRate;
  }

  /** pacat's stderr text as it arrives; returns a report for each line of progress. */
  push(text: string, arrivalMs: number): PlayedReport[] {
    const lines = (this.#carry + text).split(/[\r\n]+/);
    this.#carry = lines.pop() ?? '';
    const reports: PlayedReport[] = [];
    for (const line of lines) {
      if (STARTED_LINE.test(line)) {
        this.#restarted = true;
        continue;
      }
      const match = TIME_LINE.exec(line);
      if (match === null) continue;
      const timeS = Number(match[1]);
      // a time that does not advance is a stalled stream (the timeline's cap holds the position);
      // when it moves again it is a new stretch, whether or not "Stream started" was seen
      if (!(timeS > this.#lastTimeS)) {
        this.#restarted = true;
        continue;
      }
      this.#lastTimeS = timeS;
      const estimateMs = arrivalMs - timeS * 1000;
      if (this.#anchorMs === undefined || this.#restarted || estimateMs < this.#anchorMs) {
        this.#anchorMs = estimateMs;
      }
      this.#restarted = false;
      reports.push({ atMs: this.#anchorMs + timeS * 1000, playedSamples: Math.round(timeS * this.#sampleRate) });
    }
    return reports;
  }

  /** Lines that are not timing (for the error message and the debug log). */
  static isTimingLine(line: string): boolean {
    return TIME_LINE.test(line) || STARTED_LINE.test(line) || /Stream underrun/.test(line);
  }
}
