import type { SessionEvent } from '../../core/events.js';
import { base64ToPcm16 } from '../../core/pcm-codec.js';
import { readUsage } from './usage.js';
import { arr, asRecord, bool, durationToMs, isPcmMime, obj, str, type WireMessage } from './protocol.js';
import { cloneTurnState, type ResponseState, type TurnState } from './turn-state.js';

/** What a server message tells the session adapter besides the neutral events. */
export type ServerSignal =
  | { kind: 'setupComplete'; sessionId: string | undefined }
  | { kind: 'goAway'; timeLeftMs: number | undefined }
  | { kind: 'resumption'; handle: string | undefined; resumable: boolean }
  | { kind: 'toolCall'; callId: string; name: string }
  | { kind: 'turnComplete' }
  | { kind: 'skipped'; what: string };

export interface MapOptions {
  /** Text-only output: model audio is not passed on. */
  dropAudio: boolean;
}

export interface MappedMessage {
  state: TurnState;
  events: SessionEvent[];
  signals: ServerSignal[];
}

const KNOWN_KEYS = new Set([
  'setupComplete',
  'serverContent',
  'toolCall',
  'toolCallCancellation',
  'goAway',
  'sessionResumptionUpdate',
  'usageMetadata',
  'voiceActivity',
  'voiceActivityDetectionSignal',
]);

/**
 * Pure translation of one Gemini Live server message into neutral events, given the turn state.
 * Every field of the message is processed (3.x packs audio, transcript and turnComplete together).
 */
export function mapServerMessage(previous: TurnState, message: WireMessage, options: MapOptions): MappedMessage {
  const state = cloneTurnState(previous);
  const events: SessionEvent[] = [];
  const signals: ServerSignal[] = [];

  const closeInput = (): void => {
    if (state.input === undefined) return;
    events.push({ type: 'input.transcript.done', itemId: state.input.id, text: state.input.text.trim() });
    state.input = undefined;
  };
  const ensureResponse = (): ResponseState => {
    if (state.response !== undefined) return state.response;
    closeInput();
    state.responseCount += 1;
    const response: ResponseState = {
      id: `gemini-response-${state.responseCount}`,
      interrupted: false,
      text: '',
      textSource: undefined,
      audioDone: false,
    };
    state.response = response;
    events.push({ type: 'response.started', responseId: response.id });
    return response;
  };
  const addText = (source: 'transcript' | 'parts', delta: string): void => {
    if (delta === '') return;
    const response = ensureResponse();
    if (response.interrupted) return;
    response.textSource ??= source;
    if (response.textSource !== source) return;
    response.text += delta;
    events.push({ type: 'response.text.delta', responseId: response.id, delta });
  };
  const finishResponse = (status: 'completed' | 'cancelled', usage: ReturnType<typeof readUsage>): void => {
    const response = state.response ?? ensureResponse();
    if (response.text !== '') events.push({ type: 'response.text.done', responseId: response.id, text: response.text });
    const done: SessionEvent = { type: 'response.done', responseId: response.id, status };
    if (usage !== undefined) done.usage = usage;
    events.push(done);
    state.lastResponse = { id: response.id, interrupted: response.interrupted };
    state.response = undefined;
  };

  const setup = obj(message, 'setupComplete');
  if (setup !== undefined) signals.push({ kind: 'setupComplete', sessionId: str(setup, 'sessionId') });

  const content = obj(message, 'serverContent');
  const usage = readUsage(obj(message, 'usageMetadata'));
  if (content !== undefined) {
    const inputText = str(obj(content, 'inputTranscription'), 'text');
    if (inputText !== undefined && inputText !== '') {
      if (state.input === undefined) {
        state.inputCount += 1;
        state.input = { id: `gemini-input-${state.inputCount}`, text: '' };
      }
      // Gemini starts the first fragment of a turn with a space
      const delta = state.input.text === '' ? inputText.trimStart() : inputText;
      if (delta !== '') {
        state.input.text += delta;
        events.push({ type: 'input.transcript.delta', itemId: state.input.id, delta });
      }
    }
    if (bool(obj(content, 'inputTranscription'), 'finished')) closeInput();

    for (const rawPart of arr(obj(content, 'modelTurn'), 'parts')) {
      const part = asRecord(rawPart);
      if (part === undefined) continue;
      // thought summaries are never spoken or shown
      if (bool(part, 'thought')) {
        signals.push({ kind: 'skipped', what: 'thought part' });
        continue;
      }
      const inline = obj(part, 'inlineData');
      const data = str(inline, 'data');
      if (inline !== undefined && data !== undefined) {
        const mime = str(inline, 'mimeType');
        if (!isPcmMime(mime)) {
          signals.push({ kind: 'skipped', what: `inlineData ${mime ?? '(no mimeType)'}` });
          continue;
        }
        const response = ensureResponse();
        if (response.interrupted || options.dropAudio) continue;
        const pcm = base64ToPcm16(data);
        if (pcm.length > 0) events.push({ type: 'response.audio', responseId: response.id, pcm });
        continue;
      }
      const text = str(part, 'text');
      if (text !== undefined) addText('parts', text);
    }

    const outputText = str(obj(content, 'outputTranscription'), 'text');
    if (outputText !== undefined) addText('transcript', outputText);

    if (bool(content, 'generationComplete') && state.response !== undefined && !state.response.interrupted) {
      state.response.audioDone = true;
      events.push({ type: 'response.audio.done', responseId: state.response.id });
    }
    if (bool(content, 'interrupted')) {
      // may come after generationComplete, or even after turnComplete while audio still plays
      if (state.response !== undefined) {
        state.response.interrupted = true;
        events.push({ type: 'response.interrupted', responseId: state.response.id });
      } else if (state.lastResponse !== undefined && !state.lastResponse.interrupted) {
        state.lastResponse.interrupted = true;
        events.push({ type: 'response.interrupted', responseId: state.lastResponse.id });
      }
    }
    if (bool(content, 'turnComplete')) {
      closeInput();
      finishResponse(state.response?.interrupted === true ? 'cancelled' : 'completed', usage);
      signals.push({ kind: 'turnComplete' });
    }
  }

  const toolCall = obj(message, 'toolCall');
  if (toolCall !== undefined) {
    const response = ensureResponse();
    let calls = 0;
    for (const raw of arr(toolCall, 'functionCalls')) {
      const call = asRecord(raw);
      const name = str(call, 'name');
      if (call === undefined || name === undefined) continue;
      const callId = str(call, 'id') ?? `${response.id}-call-${calls}`;
      calls += 1;
      events.push({
        type: 'tool.call',
        responseId: response.id,
        callId,
        name,
        arguments: JSON.stringify(obj(call, 'args') ?? {}),
      });
      signals.push({ kind: 'toolCall', callId, name });
    }
    // the turn goes on after the tool response; in neutral terms the calling response is done
    finishResponse('completed', undefined);
  }

  const cancellation = obj(message, 'toolCallCancellation');
  if (cancellation !== undefined) {
    const callIds = arr(cancellation, 'ids').filter((id): id is string => typeof id === 'string');
    if (callIds.length > 0) events.push({ type: 'tool.cancelled', callIds });
  }

  const goAway = obj(message, 'goAway');
  if (goAway !== undefined) {
    const timeLeftMs = durationToMs(goAway['timeLeft']);
    events.push({ type: 'session.expiring', timeLeftMs: timeLeftMs ?? 0 });
    signals.push({ kind: 'goAway', timeLeftMs });
  }

  const resumption = obj(message, 'sessionResumptionUpdate');
  if (resumption !== undefined) {
    const handle = str(resumption, 'newHandle');
    signals.push({
      kind: 'resumption',
      handle: handle === '' ? undefined : handle,
      resumable: bool(resumption, 'resumable'),
    });
  }

  for (const key of Object.keys(message)) {
    if (!KNOWN_KEYS.has(key)) signals.push({ kind: 'skipped', what: `unknown message key ${key}` });
  }
  return { state, events, signals };
}
