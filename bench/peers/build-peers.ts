// The peers run as plain JavaScript under `node` (as a user's script would, without a TypeScript
// loader's start-up and memory cost): transpile them before a bench run into node_modules/.cache
// (inside node_modules so `openai` and `@google/genai` resolve; outside the linted tree).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import ts from 'typescript';

const FILES = ['peer-common', 'openai-peer', 'gemini-peer'];

export const PEER_BUILD_DIR = 'node_modules/.cache/voicechat-bench-peers';

export function buildPeers(): void {
  const out = new URL(`../../${PEER_BUILD_DIR}/`, import.meta.url);
  mkdirSync(out, { recursive: true });
  for (const name of FILES) {
    const source = readFileSync(new URL(`./${name}.ts`, import.meta.url), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(new URL(`${name}.js`, out), outputText);
  }
}
