// A source checkout installed without scripts (`npm ci --ignore-scripts`, or npm refusing
// unapproved ones) has no dist/: `prepare` never ran. Building needs only TypeScript, no C++
// toolchain, so the first run builds it rather than failing on a missing module.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

export function ensureBuilt() {
  if (existsSync(`${root}dist/cli/main.js`)) return;
  const manual = `Run \`npm run build\` in ${root}, then try again.`;
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    fail(`voicechat is not built (${root}dist is missing) and TypeScript is not installed to build it. ${manual}`);
  }
  if (!existsSync(`${root}tsconfig.build.json`)) fail(`voicechat is not built (${root}dist is missing). ${manual}`);
  process.stderr.write('voicechat: building dist/ once (this install ran no scripts)...\n');
  // tsc's diagnostics go to stderr: stdout may be a pipe that expects only voicechat's output
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (!existsSync(`${root}dist/cli/main.js`)) {
    fail(`voicechat: the build failed (tsc exit ${String(result.status ?? result.signal)}). ${manual}`);
  }
}

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
