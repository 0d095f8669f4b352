import type { LoadedSettings } from '../config/load-settings.js';
import { formatSettingRows, settingRows } from '../config/setting-rows.js';
import type { EchoPlan } from './echo-plan.js';

/** What the explain output says about echo: the plan, or why it cannot run. */
export type ExplainEcho =
  | { plan: EchoPlan; library: { ok: true; binaryPackage: string } | { ok: false; reason: string } }
  | { problem: string };

/** One line: what runs on the microphone and why. Pure. */
export function echoExplainLine(echo: ExplainEcho): string {
  if ('problem' in echo) return `echo: ${echo.problem}`;
  const { plan, library } = echo;
  if (plan.engine === undefined || plan.engine.mode === 'off') {
    const ns = plan.engine?.noiseSuppression === true ? ' (noise suppression: local)' : '';
    return `echo: ${plan.why}${ns}`;
  }
  const runs = library.ok
    ? `WebRTC AEC3 loads (${library.binaryPackage})`
    : `WebRTC AEC3 unavailable (${library.reason}): the echo gate runs instead`;
  const ns = plan.engine.noiseSuppression ? '; noise suppression: local' : '';
  return `echo: ${plan.why}; ${runs}${ns}`;
}

/** The resolved settings with the origin of each; secrets are shown as set/unset only. */
/** The connection a run would open: its URL, the proxy route (or direct) and the key's place. */
export interface ExplainConnection {
  url: string;
  route: string;
  auth?: string;
}

export function formatExplain(
  loaded: LoadedSettings,
  json: boolean,
  echo?: ExplainEcho,
  connection?: ExplainConnection,
): string {
  const rows = settingRows(loaded);
  if (json) {
    const echoJson =
      echo === undefined
        ? {}
        : { echo: 'problem' in echo ? { problem: echo.problem } : { ...echo.plan, library: echo.library } };
    const connectionJson = connection === undefined ? {} : { connection };
    return `${JSON.stringify({ profile: loaded.profileName ?? null, config: loaded.configPath, settings: rows, ...echoJson, ...connectionJson })}\n`;
  }
  const head = [`config file: ${loaded.configPath}`, `profile: ${loaded.profileName ?? '(none)'}`];
  if (loaded.notice !== undefined) head.push(loaded.notice);
  if (echo !== undefined) head.push(echoExplainLine(echo));
  if (connection !== undefined) {
    head.push(`connection: ${connection.route}`);
    if (connection.auth !== undefined) head.push(`auth: ${connection.auth}`);
  }
  return `${head.join('\n')}\n${formatSettingRows(rows)}\n`;
}
