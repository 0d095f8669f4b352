import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

/** `--explain` shows the connection a run would open: its proxy route and, for Gemini, where the key goes. */
describe('--explain: connection, proxy route and key placement', () => {
  const home = mkdtempSync(join(tmpdir(), 'vc-explain-'));
  const explain = async (args: string[], env: Record<string, string>): Promise<string> => {
    const result = await runCli([...args, '--explain'], { env: { HOME: home, XDG_CONFIG_HOME: home, ...env } });
    expect(result.code).toBe(0);
    return result.stdout;
  };

  const cases: { name: string; args: string[]; env: Record<string, string>; lines: string[] }[] = [
    {
      name: 'Gemini on Google: through HTTPS_PROXY, key in x-goog-api-key',
      args: ['--provider', 'gemini'],
      env: { GEMINI_API_KEY: 'AIzaTESTKEY-EXPLAIN-1', HTTPS_PROXY: 'http://127.0.0.1:3128' },
      lines: [
        'connection: generativelanguage.googleapis.com: through proxy http://127.0.0.1:3128 (from HTTPS_PROXY)',
        'auth: API key in the x-goog-api-key header',
      ],
    },
    {
      name: 'Gemini through a gateway with --auth-style bearer; --proxy none wins over the variable',
      args: [
        '--provider',
        'gemini',
        '--endpoint',
        'https://gw.example.com/live',
        '--auth-style',
        'bearer',
        '--proxy',
        'none',
      ],
      env: { GEMINI_API_KEY: 'AIzaTESTKEY-EXPLAIN-2', HTTPS_PROXY: 'http://127.0.0.1:3128' },
      lines: ['connection: gw.example.com: direct', 'auth: API key in Authorization: Bearer (set by --auth-style)'],
    },
    {
      name: 'OpenAI with NO_PROXY matching its host',
      args: ['--provider', 'openai'],
      env: { OPENAI_API_KEY: 'sk-test-EXPLAIN-3', HTTPS_PROXY: 'http://127.0.0.1:3128', NO_PROXY: 'api.openai.com' },
      lines: ['connection: api.openai.com: direct (NO_PROXY matches api.openai.com)'],
    },
  ];
  it.each(cases)('$name', async ({ args, env, lines }) => {
    const out = await explain(args, env);
    for (const line of lines) expect(out).toContain(line);
    for (const secret of Object.values(env).filter((v) => v.includes('TEST'))) expect(out).not.toContain(secret);
  });
});
