import { ExitCode, UsageError, type ExitCodeValue } from '../core/errors.js';
import { isProviderId, PROVIDER_IDS } from '../core/session.js';
import type { ProviderDescriptor } from '../providers/descriptor.js';
import { allDescriptors, getDescriptor, PROVIDER_CATALOGUE } from '../providers/registry.js';
import { readConfig } from '../config/config-store.js';
import { providerStatuses } from '../config/provider-status.js';
import { formatTable } from './format-table.js';
import { isJson, optionString, printJson, printText, stdoutStyle } from './output.js';

/** `voicechat providers`: each provider, whether it is configured and through what. */
export async function runProviders(options: Record<string, unknown>): Promise<ExitCodeValue> {
  const config = await readConfig(process.env);
  const statuses = providerStatuses(PROVIDER_CATALOGUE.entries, config.data, process.env);
  if (isJson(options)) {
    printJson(statuses);
    return ExitCode.ok;
  }
  const style = stdoutStyle();
  const rows = statuses.map((s) => [
    s.isDefault ? '*' : ' ',
    s.id,
    s.label,
    s.configured ? style.green('✔ configured') : style.red('✘ not configured'),
    s.configured
      ? s.via.join(', ')
      : s.keyEnv.length > 0
        ? `set ${s.keyEnv.join(' or ')}, or add a profile`
        : 'add a profile (voicechat profile add NAME --provider …)',
  ]);
  printText(formatTable([[' ', 'ID', 'PROVIDER', 'STATUS', 'HOW'], ...rows]));
  if (statuses.some((s) => s.isDefault)) printText('* used by a plain `voicechat` run');
  return ExitCode.ok;
}

function pickDescriptors(options: Record<string, unknown>): ProviderDescriptor[] {
  const provider = optionString(options, 'provider');
  if (provider === undefined) return allDescriptors();
  if (!isProviderId(provider)) {
    throw new UsageError(`Unknown provider "${provider}". Choose one of: ${PROVIDER_IDS.join(', ')}.`);
  }
  return [getDescriptor(provider)];
}

/** `voicechat voices|models [--provider ID]`: what each provider's descriptor knows, default marked. */
export function runCatalog(kind: 'voices' | 'models', options: Record<string, unknown>): ExitCodeValue {
  const list = pickDescriptors(options).map((d) => {
    const names = kind === 'voices' ? d.voices : d.models;
    const fallback = kind === 'voices' ? d.defaults.voice : d.defaults.model;
    return { provider: d.id, label: d.label, default: fallback ?? null, [kind]: [...names] };
  });
  if (isJson(options)) {
    printJson(list);
    return ExitCode.ok;
  }
  const blocks = list.map((entry) => {
    const names = (entry[kind] as string[] | undefined) ?? [];
    const lines = names.map((n) => `  ${n}${n === entry.default ? '  (default)' : ''}`);
    const body = lines.length > 0 ? lines.join('\n') : `  (none listed; ${entry.label} takes the name you give)`;
    return `${entry.label} (${entry.provider}):\n${body}`;
  });
  printText(blocks.join('\n\n'));
  return ExitCode.ok;
}
