import type { Command } from 'commander';

/** The setting flags of the main command, repeated on `profile add` so its help lists them. */
const SETTING_FLAGS: readonly (readonly [string, string])[] = [
  ['-p, --provider <id>', 'openai | azure-openai | azure-voicelive | gemini | vertex'],
  ['-m, --model <name>', 'model (or Azure deployment)'],
  ['--voice <name>', 'voice of the assistant'],
  ['-i, --instructions <text>', 'system instructions'],
  ['--endpoint <url>', 'base URL: a proxy, gateway or private endpoint'],
  ['--api-key-env <name>', 'read the API key from this environment variable'],
  ['--api-key-command <cmd>', 'run this command and use its output as the API key'],
  ['--auth-style <style>', 'bearer | api-key | query (gateways)'],
  ['--api-version <version>', 'API version'],
  ['--deployment <name>', 'Azure deployment name'],
  ['--project <id>', 'Google Cloud project (Vertex AI)'],
  ['--location <region>', 'Google Cloud location (Vertex AI)'],
  ['--vad <mode>', 'turn-taking: server | semantic | manual'],
  ['--vad-threshold <0-1>', 'server VAD threshold'],
  ['--prefix-padding <ms>', 'server VAD prefix padding'],
  ['--silence-duration <ms>', 'server VAD silence before the turn ends'],
  ['--eagerness <level>', 'semantic VAD: low | medium | high | auto'],
  ['--speed <x>', 'speech speed (0.25-1.5)'],
  ['--temperature <x>', 'sampling temperature'],
  ['--max-output-tokens <n>', 'cap on reply length'],
  ['--transcription-model <name>', 'model that transcribes your speech'],
  ['--transcription-language <code>', 'language of your speech (ISO-639-1)'],
  ['--noise-reduction <type>', 'near_field | far_field | off'],
  ['--no-echo-cancellation', 'turn off server echo cancellation (Voice Live)'],
  ['--input-device <id|name>', 'microphone (id or part of the name)'],
  ['--output-device <id|name>', 'speaker (id or part of the name)'],
  ['--record <dir>', 'record conversations to this directory'],
  ['--timeout <seconds>', 'connect / reply inactivity timeout'],
];

export function addSettingOptions(command: Command): Command {
  for (const [flags, description] of SETTING_FLAGS) command.option(flags, description);
  return command;
}

/** Options of a subcommand merged with the program's (the program parses its own flags anywhere). */
export function allOptions(command: Command): Record<string, unknown> {
  return command.optsWithGlobals();
}

/** True when the user typed the option (on this command or the program), not a default. */
export function typedOnCli(command: Command, key: string): boolean {
  for (let c: Command | null = command; c !== null; c = c.parent) {
    if (c.getOptionValueSource(key) === 'cli') return true;
  }
  return false;
}
