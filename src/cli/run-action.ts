import type { ExitCodeValue } from '../core/errors.js';
import { loadSettings } from '../config/load-settings.js';
import { PROVIDER_CATALOGUE } from '../providers/registry.js';
import { readMcpConfigFile, resolveMcpSettings } from '../modes/mcp-settings.js';
import { runPlan } from '../modes/run.js';
import { completeRunPlan, type RunIntent } from './run-plan.js';
import type { SettingFlags } from './setting-options.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The main command behind its action: settings resolved with their origins, then the plan run. */
export async function runFromIntent(intent: RunIntent, flags: SettingFlags): Promise<ExitCodeValue> {
  const settings = await loadSettings({
    catalogue: PROVIDER_CATALOGUE,
    flags,
    env: process.env,
    profile: intent.profile,
    explain: intent.mode.kind === 'explain',
  });
  const mcp = resolveMcpSettings(
    { ...settings.layers, flags: flags.allowTools ?? [] },
    await readMcpConfigFile(intent.mcpConfig),
  );
  return runPlan(await completeRunPlan(intent, settings, readStdin, mcp));
}
