import { assertNever } from '../core/assert-never.js';
import { ExitCode, TemporaryError, type ExitCodeValue } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { redact } from '../core/secrets.js';
import { createPlainLog } from '../ui/plain-log.js';
import type { ConversationAudio } from '../core/audio-port.js';
import type { Controller } from '../core/controller.js';
import { AnswerRule } from './answer-rule.js';
import { fileAsPushToTalk } from './file-turn.js';
import { createDuplex } from './duplex-setup.js';
import { RunLifecycle } from './run-lifecycle.js';
import type { RunPlan } from './run-plan.js';

/** How long to wait for a late input transcript before exiting. */
const TRANSCRIPT_GRACE_MS = 800;

/**
 * The duplex loop with a plain line log instead of the TUI: files or devices, exits after
 * `--turns` replies (default 1 with --input-file), on Ctrl+C, or on a fatal error.
 */
export async function runHeadless(plan: RunPlan, log: Logger): Promise<ExitCodeValue> {
  const { controller, engine, inputSampleRate, recorder, tools } = await createDuplex(plan, log, 'headless');
  for (const notice of tools.notices) process.stderr.write(`voicechat: ${redact(notice)}\n`);
  const plainLog = createPlainLog({
    write: (line) => process.stdout.write(`${redact(line)}\n`),
    writeError: (line) => process.stderr.write(`${redact(line)}\n`),
  });
  const lifecycle = new RunLifecycle({
    controller,
    recorder,
    usageModel: plan.settings.values.model,
    release: tools.close,
    // a reply still playing when the run stops was generated: its text is not lost
    beforeStop: () => plainLog.flushPending(),
  });
  const answers = new AnswerRule();
  const answered = new Set<string>();
  let replies = 0;
  const pendingUserItems = new Set<string>();
  const endAfterLateTranscripts = (): void => {
    const waitStart = Date.now();
    const settle = (): void => {
      if (pendingUserItems.size === 0 || Date.now() - waitStart > TRANSCRIPT_GRACE_MS) lifecycle.finish(ExitCode.ok);
      else setTimeout(settle, 50);
    };
    settle();
  };

  controller.subscribe((event) => {
    if (event.type !== 'levels') log.debug(`event ${event.type}${'responseId' in event ? ` ${event.responseId}` : ''}`);
    // a fatal error ends the run and is printed once, with its hint, by the entry point
    if (!(event.type === 'error' && event.error.fatal)) plainLog.onEvent(event);
    switch (event.type) {
      case 'input.speech_started':
        if (event.itemId !== undefined) pendingUserItems.add(event.itemId);
        return;
      case 'input.transcript.done':
        pendingUserItems.delete(event.itemId);
        return;
      case 'response.done':
      case 'tool.call':
        if (answers.observe(event)?.kind === 'answer') answered.add(event.responseId);
        return;
      case 'playback.finished':
        if (!answered.has(event.responseId)) return;
        replies += 1;
        if (replies >= plan.turns) endAfterLateTranscripts();
        return;
      case 'status':
        if (event.status === 'closed') lifecycle.finish(new TemporaryError('The provider closed the connection.'));
        return;
      case 'error':
      case 'session.ready':
      case 'input.speech_stopped':
      case 'input.committed':
      case 'input.transcript.delta':
      case 'response.started':
      case 'response.text.delta':
      case 'response.text.done':
      case 'response.audio.done':
      case 'response.interrupted':
      case 'tool.cancelled':
      case 'rate_limits':
      case 'session.expiring':
      case 'levels':
      case 'turn':
      case 'mic':
      case 'latency':
      case 'interrupted':
      case 'tool.confirm':
      case 'tool.decided':
      case 'tool.slow':
      case 'tool.finished':
      case 'user.text':
      case 'notice':
      case 'engine.error':
      case 'usage':
      case 'audio.ready':
        return;
      default:
        assertNever(event, 'controller event');
    }
  });
  const fileTurn = await manualFileTurn(plan, controller, engine, inputSampleRate);
  try {
    return await lifecycle.run(() => fileTurn?.start());
  } finally {
    fileTurn?.dispose();
  }
}

/** `--vad manual` with `--input-file`: the file is one push-to-talk turn (no keyboard needed). */
async function manualFileTurn(
  plan: RunPlan,
  controller: Controller,
  engine: ConversationAudio,
  sampleRate: number,
): Promise<ReturnType<typeof fileAsPushToTalk> | undefined> {
  const path = plan.files.inputFile;
  if (plan.settings.values.vad !== 'manual' || path === undefined) return undefined;
  const { readWavFile } = await import('../audio/wav.js');
  const wav = readWavFile(path);
  return fileAsPushToTalk({ controller, engine, fileMs: (wav.pcm.length * 1000) / wav.sampleRate, sampleRate });
}
