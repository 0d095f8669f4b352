import { ExitCode, isVoicechatError, type ExitCodeValue } from '../core/errors.js';
import { createLogger, type Logger } from '../core/log.js';
import { formatExplain, type ExplainConnection, type ExplainEcho } from './explain.js';
import type { RunPlan } from './run-plan.js';

/** Diagnostics of a run outside the TUI: stderr, or the `--log-file`. */
export function makeLogger(plan: Pick<RunPlan, 'debug' | 'files'>): Logger {
  return createLogger({ level: plan.debug ? 'debug' : 'warn', file: plan.files.logFile });
}

/** The echo plan of this run and whether the WebRTC library loads (the loader never throws). */
async function explainEcho(plan: RunPlan): Promise<ExplainEcho> {
  const { echoPlanFor } = await import('./duplex-setup.js');
  try {
    const echo = echoPlanFor(plan);
    const { loadLivekitApm } = await import('../audio/echo/livekit-apm-loader.js');
    const loaded = loadLivekitApm();
    return {
      plan: echo,
      library: loaded.ok ? { ok: true, binaryPackage: loaded.binaryPackage } : { ok: false, reason: loaded.reason },
    };
  } catch (error) {
    if (isVoicechatError(error)) return { problem: error.message };
    throw error;
  }
}

/** Where a session would connect, the proxy route to it, and (where the rule matters) where the key goes. */
async function explainConnection(plan: RunPlan): Promise<ExplainConnection | undefined> {
  const values = plan.settings.values;
  const [{ getDescriptor }, { describeProxyChoice, proxyOverrideFrom }] = await Promise.all([
    import('../providers/registry.js'),
    import('../net/proxy-resolve.js'),
  ]);
  const described = await getDescriptor(values.provider).describeConnection?.(values);
  const url = described?.url ?? values.endpoint;
  if (url === undefined || url === '') return undefined;
  try {
    const route = describeProxyChoice(url, { env: process.env, override: proxyOverrideFrom(values.proxy) });
    return { url, route, ...(described?.auth === undefined ? {} : { auth: described.auth }) };
  } catch (error) {
    if (isVoicechatError(error)) return { url, route: error.message };
    throw error;
  }
}

/** The main command: explain, one-shot text, the headless loop, or the interactive UI. */
export async function runPlan(plan: RunPlan): Promise<ExitCodeValue> {
  const { mode, settings } = plan;
  switch (mode.kind) {
    case 'explain':
      process.stdout.write(formatExplain(settings, mode.json, await explainEcho(plan), await explainConnection(plan)));
      return ExitCode.ok;
    case 'oneshot': {
      if (settings.notice !== undefined && !mode.json) process.stderr.write(`voicechat: ${settings.notice}\n`);
      const log = makeLogger(plan);
      const { runOneShot } = await import('./oneshot.js');
      return runOneShot({
        settings: settings.values,
        prompt: mode.prompt,
        json: mode.json,
        audioOut: plan.files.audioOut,
        speak: mode.speak,
        tools: plan.tools,
        mcp: plan.mcp,
        stdout: process.stdout,
        env: process.env,
        log,
      });
    }
    case 'conversation': {
      if (settings.notice !== undefined) process.stderr.write(`voicechat: ${settings.notice}\n`);
      if (mode.ui === 'plain') {
        const { runHeadless } = await import('./headless.js');
        return runHeadless(plan, makeLogger(plan));
      }
      // Ink renders only a final frame when it believes it runs in CI; on a real terminal it does not
      for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) Reflect.deleteProperty(process.env, name);
      const { runChat } = await import('./chat.js');
      return runChat(plan);
    }
  }
}
