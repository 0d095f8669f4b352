/** The options section of a commander help text, as option -> its (unwrapped) description. */
export function helpEntries(help: string): Map<string, string> {
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
