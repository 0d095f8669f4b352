import { describe, expect, it } from 'vitest';
import { builtinToolProvider } from '../../../src/core/builtin-tool-provider.js';
import { ToolBox, type ProvidedTool, type ToolProvider } from '../../../src/core/tool-box.js';

/** A provider whose list the test changes, as an MCP server does with list_changed. */
function changing(id: string, initial: ProvidedTool[]): ToolProvider & { set(tools: ProvidedTool[]): void } {
  let tools = initial;
  const listeners = new Set<() => void>();
  return {
    id,
    tools: () => tools,
    call: (name) => Promise.resolve({ kind: 'ok', output: `${id}:${name}` }),
    onToolsChanged: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      tools = next;
      for (const listener of listeners) listener();
    },
  };
}

const tool = (name: string): ProvidedTool => ({
  name,
  description: name,
  parameters: { type: 'object' },
  readOnly: false,
});
const signal = new AbortController().signal;

describe('ToolBox', () => {
  it('declares the clock and provider tools; routes calls by the model name', async () => {
    const box = new ToolBox([builtinToolProvider(), changing('srv', [tool('echo')])]);
    expect(box.definitions().map((d) => d.name)).toEqual(['get_current_time', 'echo']);
    expect(await box.call('echo', '{}', signal)).toEqual({ kind: 'ok', output: 'srv:echo' });
    const time = await box.call('get_current_time', '', signal);
    expect(JSON.parse(time.output)).toHaveProperty('timeZone');
  });

  it('re-qualifies when a list change creates a clash, and tells listeners to re-declare', async () => {
    const a = changing('a', [tool('echo')]);
    const b = changing('b', []);
    const box = new ToolBox([a, b]);
    let changes = 0;
    box.onChanged(() => (changes += 1));
    b.set([tool('echo')]);
    expect(changes).toBe(1);
    expect(box.definitions().map((d) => d.name)).toEqual(['a__echo', 'b__echo']);
    expect(await box.call('b__echo', '{}', signal)).toEqual({ kind: 'ok', output: 'b:echo' });
    expect((await box.call('echo', '{}', signal)).kind).toBe('error');
    box.dispose();
    a.set([]);
    expect(changes).toBe(1);
  });

  it('an aborted signal never reaches the provider', async () => {
    const controller = new AbortController();
    controller.abort();
    const box = new ToolBox([changing('srv', [tool('echo')])]);
    expect((await box.call('echo', '{}', controller.signal)).kind).toBe('cancelled');
  });
});
