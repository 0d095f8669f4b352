import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { helpEntries } from '../support/help-entries.js';

/** Option entries of a help text: term -> description, wrapped lines joined, whitespace folded. */

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
