import { parseBackendChoice, type AudioBackendChoice } from '../audio/backend/choose-backend.js';
import { ExitCode, isVoicechatError, UsageError, type ExitCodeValue } from '../core/errors.js';
import { readConfig, type LoadedConfig } from '../config/config-store.js';
import { discoverProvider } from '../config/load-settings.js';
import { PROVIDER_CATALOGUE } from '../providers/registry.js';
import { profileNames } from '../config/profile-source.js';
import { audioChecks } from './doctor-audio.js';
import { echoChecks } from './doctor-echo.js';
import { checkNodeVersion, doctorExitCode, formatDoctor, type DoctorCheck } from './doctor-checks.js';
import { targetChecks, type DoctorTarget } from './doctor-endpoint.js';
import { isJson, optionString, printJson, printText, stdoutStyle } from './output.js';

const DEFAULT_TIMEOUT_S = 5;

function timeoutMsFrom(options: Record<string, unknown>): number {
  const raw = optionString(options, 'timeout');
  if (raw === undefined) return DEFAULT_TIMEOUT_S * 1000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 120) {
    throw new UsageError(`--timeout expects seconds from 1 to 120 (got "${raw}").`);
  }
  return seconds * 1000;
}

/** `--audio-backend` of the command, else the config's `audioBackend`, else auto. */
export function backendChoiceFrom(
  options: Record<string, unknown>,
  configured: AudioBackendChoice | undefined,
): AudioBackendChoice {
  const typed = optionString(options, 'audioBackend');
  return typed === undefined ? (configured ?? 'auto') : parseBackendChoice(typed);
}

async function configCheck(): Promise<{ check: DoctorCheck; config: LoadedConfig | undefined }> {
  try {
    const config = await readConfig(process.env);
    const count = profileNames(config).length;
    const detail = config.exists
      ? `${config.path}: ${count} profile${count === 1 ? '' : 's'}, default ${config.data.defaultProfile ?? '(none)'}`
      : `${config.path} (not created yet)`;
    return { check: { name: 'config file', status: 'ok', detail }, config };
  } catch (error) {
    const message = isVoicechatError(error) ? error.message : String(error);
    return {
      check: {
        name: 'config file',
        status: 'fail',
        detail: message,
        fix: 'Fix the file by hand (voicechat keeps it untouched), or move it away to start afresh.',
        exitCode: ExitCode.config,
      },
      config: undefined,
    };
  }
}

/** Which setups to test: the named profile, else every profile, plus the environment when it is used. */
function targetsFor(config: LoadedConfig, only: string | undefined): DoctorTarget[] {
  if (only !== undefined) return [{ label: `profile ${only}`, profile: only }];
  const targets: DoctorTarget[] = profileNames(config).map((name) => ({ label: `profile ${name}`, profile: name }));
  const envUsed =
    config.data.defaultProfile === undefined &&
    (targets.length === 0 || discoverProvider(PROVIDER_CATALOGUE, process.env) !== undefined);
  if (envUsed) targets.push({ label: 'environment', profile: undefined });
  return targets;
}

/** `voicechat doctor`: a ✔/✘ table with a fix for every ✘; exit non-zero when something is broken. */
export async function runDoctor(options: Record<string, unknown>): Promise<ExitCodeValue> {
  const timeoutMs = timeoutMsFrom(options);
  const checks: DoctorCheck[] = [checkNodeVersion(process.version)];
  const { check, config } = await configCheck();
  checks.push(check);
  const settings = config?.data.settings;
  if (options['skipAudio'] === true) {
    checks.push({ name: 'audio', status: 'skip', detail: 'skipped (--skip-audio)' });
  } else {
    const choice = backendChoiceFrom(options, settings?.audioBackend);
    checks.push(...(await audioChecks({ input: settings?.inputDevice, output: settings?.outputDevice }, choice)));
  }
  const { loadLivekitApm } = await import('../audio/echo/livekit-apm-loader.js');
  checks.push(...echoChecks(loadLivekitApm(), PROVIDER_CATALOGUE));
  if (config !== undefined) {
    const targets = targetsFor(config, optionString(options, 'profile'));
    const results = await Promise.all(
      targets.map((t) => targetChecks(t, timeoutMs, process.env, optionString(options, 'proxy'))),
    );
    checks.push(...results.flat());
  }
  if (isJson(options)) printJson({ ok: checks.every((c) => c.status !== 'fail'), checks });
  else printText(formatDoctor(checks, stdoutStyle()));
  return doctorExitCode(checks);
}
