import { describe, expect, it } from 'vitest';
import { AuthError, TemporaryError } from '../../../src/core/errors.js';
import type { SessionEvent } from '../../../src/core/events.js';
import { silentLogger } from '../../../src/core/log.js';
import { ResilientSession, type ResilienceOptions } from '../../../src/core/resilient-session.js';
import type { HistoryItem } from '../../../src/core/session.js';
import { FakeSession } from '../../support/fakes.js';

class Inner extends FakeSession {
  seeded: HistoryItem[] | undefined;
  token: string | undefined;
  failConnect: Error | undefined;
  override connect(): Promise<void> {
    void super.connect();
    return this.failConnect === undefined ? Promise.resolve() : Promise.reject(this.failConnect);
  }
  seedHistory(items: readonly HistoryItem[]): void {
    this.seeded = [...items];
  }
  resumeToken(): string | undefined {
    return this.token;
  }
}

const options = (over: Partial<ResilienceOptions> = {}): ResilienceOptions => ({
  backoff: { baseDelayMs: 1, maxDelayMs: 4, maxAttempts: 3 },
  rolloverMarginMs: 10,
  holdAudioMs: 1000,
  random: () => 0.5,
  ...over,
});
const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};
const drop: SessionEvent = { type: 'error', error: { code: '1006', message: 'dropped', fatal: true, retryable: true } };

async function setup(opts = options(), makeNext: (n: number, token: string | undefined) => Inner = () => new Inner()) {
  const first = new Inner();
  const made: Inner[] = [first];
  const tokens: (string | undefined)[] = [];
  const session = new ResilientSession(
    first,
    (token) => {
      tokens.push(token);
      const next = makeNext(made.length, token);
      made.push(next);
      return Promise.resolve(next);
    },
    opts,
    silentLogger,
  );
  const events: SessionEvent[] = [];
  session.subscribe((e) => events.push(e));
  await session.connect();
  return { session, first, made, tokens, events };
}

describe('resilient session', () => {
  it('reconnects after a drop, replays the conversation, and sends the audio held meanwhile', async () => {
    const { session, first, made, events } = await setup();
    first.emit({ type: 'input.transcript.done', itemId: 'u1', text: 'My name is Ada.' });
    first.emit({ type: 'response.text.delta', responseId: 'r1', delta: 'Hello Ada!' });
    first.emit({ type: 'response.done', responseId: 'r1', status: 'completed' });
    first.emit(drop);
    session.sendAudio(new Int16Array(2400));
    await until(() => made.length === 2 && events.some((e) => e.type === 'status' && e.status === 'connected'));
    const second = made[1]!;
    expect(second.seeded).toEqual([
      { role: 'user', text: 'My name is Ada.' },
      { role: 'assistant', text: 'Hello Ada!' },
    ]);
    expect(second.calls.filter((c) => c.method === 'sendAudio')).toHaveLength(1);
    expect(events).toContainEqual({ type: 'status', status: 'reconnecting', attempt: 1, detail: 'dropped' });
    expect(events.some((e) => e.type === 'error' && e.error.fatal)).toBe(false);
    // later input goes to the new connection
    session.sendText('still there?');
    expect(second.calls.at(-1)).toEqual({ method: 'sendText', args: ['still there?'] });
  });

  it('an interrupted reply is replayed only up to what was heard', async () => {
    const { session, first, made } = await setup();
    first.emit({ type: 'response.audio', responseId: 'r1', pcm: new Int16Array(24000) });
    first.emit({ type: 'response.text.delta', responseId: 'r1', delta: 'one two three four' });
    session.truncate('r1', 500);
    first.emit({ type: 'response.done', responseId: 'r1', status: 'cancelled' });
    first.emit(drop);
    await until(() => made[1]?.seeded !== undefined);
    expect(made[1]!.seeded).toEqual([{ role: 'assistant', text: 'one two t…' }]);
  });

  it('resumes with the provider token instead of replaying', async () => {
    const { first, made, tokens } = await setup();
    first.token = 'handle-1';
    first.emit(drop);
    await until(() => made.length === 2);
    await until(() => made[1]!.calls.some((c) => c.method === 'connect'));
    expect(tokens).toEqual(['handle-1']);
    expect(made[1]!.seeded).toBeUndefined();
  });

  it('drops audio beyond the hold limit with a visible notice', async () => {
    const { session, first, events } = await setup(options({ holdAudioMs: 100 }));
    first.emit(drop);
    for (let i = 0; i < 10; i++) session.sendAudio(new Int16Array(480));
    await until(() =>
      events.some((e) => e.type === 'notice' && /^Dropped 0\.\d s of microphone audio/.test(e.message)),
    );
    // a notice is not an error: nothing downstream may end the run or show it as a failure
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
  });

  it('reconnects on what the dialect marked retryable, never on a vendor code by name', async () => {
    const vendorCode = await setup(options());
    vendorCode.first.emit({ type: 'error', error: { code: 'session_expired', message: 'expired', fatal: true } });
    await new Promise((r) => setTimeout(r, 50));
    expect(vendorCode.made).toHaveLength(1);
    expect(vendorCode.events.some((e) => e.type === 'error' && e.error.code === 'session_expired')).toBe(true);
    const marked = await setup(options());
    marked.first.emit({
      type: 'error',
      error: { code: 'anything', message: 'expired', fatal: true, retryable: true },
    });
    await until(() => marked.made.length === 2);
  });

  it('gives up on an auth failure at once, and after the attempt limit otherwise', async () => {
    const auth = await setup(options(), () => Object.assign(new Inner(), { failConnect: new AuthError('bad key') }));
    auth.first.emit(drop);
    await until(() => auth.events.some((e) => e.type === 'error' && e.error.code === 'reconnect_failed'));
    expect(auth.made).toHaveLength(2);
    const net = await setup(options(), () =>
      Object.assign(new Inner(), { failConnect: new TemporaryError('refused') }),
    );
    net.first.emit(drop);
    await until(() => net.events.some((e) => e.type === 'error' && e.error.code === 'reconnect_failed'));
    expect(net.made).toHaveLength(4);
    const last = net.events.findLast((e) => e.type === 'error');
    expect(last).toMatchObject({ error: { fatal: true, retryable: true } });
  });

  it('renews the connection at the cap while nobody is talking, without a reconnect status', async () => {
    const { first, made, events } = await setup(options({ sessionCapMs: 60 }));
    first.emit({ type: 'input.speech_started', itemId: 'u1' });
    await new Promise((r) => setTimeout(r, 80));
    expect(made).toHaveLength(1);
    first.emit({ type: 'input.speech_stopped', itemId: 'u1' });
    await until(() => made.length === 2);
    await until(() => first.calls.some((c) => c.method === 'close'));
    expect(events.some((e) => e.type === 'status' && e.status === 'reconnecting')).toBe(false);
    await until(() => made.length === 3);
  });
});
