import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/ui/app.js';
import { initialState, reduce } from '../../../src/ui/state/conversation.js';
import { MeterBoard } from '../../../src/ui/state/meter-board.js';
import { createStore } from '../../../src/ui/state/store.js';
import { createTheme } from '../../../src/ui/theme.js';
import type * as TranscriptModule from '../../../src/ui/components/transcript.js';
import type * as HeaderModule from '../../../src/ui/components/header.js';

const renders = vi.hoisted(() => ({ live: 0, header: 0 }));

// count the renders of the transcript and the header around the real components
vi.mock('../../../src/ui/components/transcript.js', async (importOriginal) => {
  const real = await importOriginal<typeof TranscriptModule>();
  const Counted = (props: Parameters<typeof real.LiveTranscript>[0]) => {
    renders.live++;
    return <real.LiveTranscript {...props} />;
  };
  return { ...real, LiveTranscript: Counted };
});
vi.mock('../../../src/ui/components/header.js', async (importOriginal) => {
  const real = await importOriginal<typeof HeaderModule>();
  const Counted = (props: Parameters<typeof real.Header>[0]) => {
    renders.header++;
    return <real.Header {...props} />;
  };
  return { ...real, Header: Counted };
});

const settle = () => new Promise((r) => setTimeout(r, 20));
const info = { provider: 'OpenAI Realtime', model: 'gpt-realtime', vad: 'server' as const };

describe('meters and the rest of the App', () => {
  it('a level tick re-renders the meters only, never the transcript or the header', async () => {
    const store = createStore(reduce, initialState(info, 0));
    store.dispatch({
      type: 'event',
      event: { type: 'response.text.delta', responseId: 'r1', delta: 'Hello there' },
      atMs: 0,
    });
    const meters = new MeterBoard();
    const view = render(
      <App store={store} meters={meters} theme={createTheme(true)} onIntent={() => {}} onSend={() => {}} />,
    );
    await settle();
    const before = { ...renders };
    expect(before.live).toBeGreaterThan(0);
    for (let i = 0; i < 10; i++) {
      meters.levels(
        { input: { rmsDb: -40 + 3 * i, peakDb: -30 + 3 * i }, output: { rmsDb: -100, peakDb: -100 } },
        i * 100,
      );
      await settle();
    }
    // the meters did move
    expect(view.lastFrame()).toMatch(/mic █+.* -13 dB/);
    expect(renders).toEqual(before);
    // and the App still renders on its own events
    store.dispatch({
      type: 'event',
      event: { type: 'response.text.delta', responseId: 'r1', delta: ', you' },
      atMs: 2000,
    });
    await settle();
    expect(renders.live).toBeGreaterThan(before.live);
    view.unmount();
  });
});
