import { describe, expect, it } from 'vitest';
import {
  formatVerdict,
  heardErrorLabel,
  judgeTargets,
  type JudgedRun,
  type Verdict,
} from '../../../bench/lib/verdict.js';

const run = (subject: string, cpuSecPerMin: number, peakTreeMb: number, bargeInMs: number[] = []): JudgedRun => ({
  subject,
  cpuSecPerMin,
  peakTreeMb,
  bargeInMs,
});

const find = (vs: Verdict[], figure: string, backend: string): Verdict => {
  const v = vs.find((x) => x.figure.startsWith(figure) && x.backend === backend);
  if (v === undefined) throw new Error(`no verdict ${figure} ${backend}`);
  return v;
};

const audioRows = (portaudio: string, pulse: string): [string, string][] => [
  ['portaudio: flush -> silence, median of 10 (ms)', '3.0'],
  [heardErrorLabel('portaudio'), portaudio],
  [heardErrorLabel('pulse'), pulse],
];

describe('judgeTargets', () => {
  it('judges CPU against the openai peer with a limit per backend', () => {
    const vs = judgeTargets(
      [
        run('openai-sdk', 2, 80),
        run('vc', 2.6, 100),
        run('vc-pulse', 2.2, 85),
        run('vc-tui', 2.8, 150),
        run('vc-tui-pulse', 2.6, 90),
      ],
      audioRows('5', '5'),
    );
    expect(find(vs, 'CPU, no TUI', 'portaudio')).toMatchObject({ measured: 1.3, status: 'met', subject: 'vc' });
    // pulse must not exceed the peer at all
    expect(find(vs, 'CPU, no TUI', 'pulse')).toMatchObject({ status: 'MISSED', subject: 'vc-pulse' });
    expect(find(vs, 'CPU, no TUI', 'pulse').measured).toBeCloseTo(1.1);
    expect(find(vs, 'CPU, TUI on', 'portaudio')).toMatchObject({ status: 'MISSED', subject: 'vc-tui' });
    expect(find(vs, 'CPU, TUI on', 'pulse')).toMatchObject({ measured: 1.3, status: 'met', subject: 'vc-tui-pulse' });
  });

  it('judges tree RSS from the headless runs, the median of several rounds on each side', () => {
    const vs = judgeTargets(
      [
        run('openai-sdk', 2, 70),
        run('openai-sdk', 2, 80),
        run('openai-sdk', 2, 90),
        run('vc', 3, 100),
        run('vc', 3, 121),
        run('vc', 3, 500),
        run('vc-pulse', 2, 88),
        run('vc-pulse', 2, 89),
      ],
      audioRows('5', '5'),
    );
    expect(find(vs, 'peak RSS', 'portaudio')).toMatchObject({ status: 'MISSED', subject: 'vc' });
    expect(find(vs, 'peak RSS', 'portaudio').measured).toBeCloseTo(121 / 80);
    expect(find(vs, 'peak RSS', 'pulse').measured).toBeCloseTo(88.5 / 80);
    expect(find(vs, 'peak RSS', 'pulse').status).toBe('MISSED');
  });

  it('pools barge-in over both providers of a backend: median and worst of all interruptions', () => {
    const vs = judgeTargets(
      [
        run('vc', 3, 100, [1, 2, 3]),
        run('vc-gemini', 3, 100, [4, 12]),
        run('vc-tui', 3, 100, [50]), // the TUI runs are not in the barge-in rows
        run('vc-pulse', 3, 100, [2, 2, 13]),
      ],
      audioRows('5', '5'),
    );
    expect(find(vs, 'barge-in -> silent, median', 'portaudio')).toMatchObject({ measured: 3, status: 'met' });
    expect(find(vs, 'barge-in -> silent, worst', 'portaudio')).toMatchObject({ measured: 12, status: 'met' });
    expect(find(vs, 'barge-in -> silent, median', 'pulse')).toMatchObject({ measured: 2, status: 'met' });
    expect(find(vs, 'barge-in -> silent, worst', 'pulse')).toMatchObject({ measured: 13, status: 'MISSED' });
  });

  it('reads the heard-position error from the micro-bench rows', () => {
    const vs = judgeTargets([], audioRows('10.0', '10.4'));
    expect(find(vs, 'heard-position', 'portaudio')).toMatchObject({ measured: 10, status: 'met' });
    expect(find(vs, 'heard-position', 'pulse')).toMatchObject({ measured: 10.4, status: 'MISSED' });
  });

  it('says "not measured" rather than met when a subject, the peer or a row is missing', () => {
    const vs = judgeTargets([run('vc', 3, 100)], [[heardErrorLabel('pulse'), 'NaN']]);
    expect(vs).toHaveLength(12);
    for (const v of vs) expect(v.status).toBe('not measured');
    expect(formatVerdict(vs)).toContain('not measured');
  });
});

describe('formatVerdict', () => {
  it('prints one aligned line per target and backend with the measured value and the goal', () => {
    const text = formatVerdict(judgeTargets([run('openai-sdk', 2, 80), run('vc', 5, 160)], audioRows('4.2', '7')));
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^target \(issue #14\)\s+\| backend\s+\| measured\s+\| goal\s+\| verdict$/);
    expect(lines).toHaveLength(2 + 12);
    expect(text).toMatch(/CPU, no TUI \(vs openai SDK peer\)\s+\| portaudio \| 2\.50x\s+\| <= 1\.3x\s+\| MISSED/);
    expect(text).toMatch(/heard-position error, worst\s+\| portaudio \| 4\.2 ms\s+\| <= 10 ms\s+\| met/);
  });
});
