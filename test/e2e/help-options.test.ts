import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

/** Option entries of a help text: term -> description, wrapped lines joined, whitespace folded. */
function helpEntries(help: string): Map<string, string> {
  const entries = new Map<string, string>();
  const section = help.split(/^Options:$/m)[1]?.split(/^Commands:$/m)[0] ?? '';
  let current: string | undefined;
  for (const line of section.split('\n')) {
    const start = /^ {2}(-\S.*?)(?: {2,}(.*))?$/.exec(line);
    if (start !== null) {
      current = start[1]!.trim();
      entries.set(current, (start[2] ?? '').trim());
    } else if (current !== undefined && line.trim() !== '') {
      entries.set(current, `${entries.get(current)} ${line.trim()}`.trim());
    }
  }
  return entries;
}

describe('the built CLI: voicechat --help and voicechat profile add --help', () => {
  it('print identical text for every shared option', async () => {
    const [main, add] = await Promise.all([runCli(['--help']), runCli(['profile', 'add', '--help'])]);
    expect(main.code).toBe(0);
    expect(add.code).toBe(0);
    const mainEntries = helpEntries(main.stdout);
    const addEntries = helpEntries(add.stdout);
    const shared = [...addEntries.keys()].filter((term) => mainEntries.has(term));
    // the 28 setting flags (and --help)
    expect(shared.length).toBeGreaterThanOrEqual(28);
    expect(shared).toContain('--api-version <version>');
    for (const term of shared) expect(addEntries.get(term), term).toBe(mainEntries.get(term));
  });
});
