// Loaded with `node --import`: records every module URL the program resolves into the file
// named by RECORD_IMPORTS, so a test can prove what a path does not load. ESM resolution is
// seen by the loader hooks; CommonJS require() (createRequire, native addons such as the WebRTC
// module) does not pass through them, so Module._load is wrapped here and its files recorded too.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';

const file = process.env.RECORD_IMPORTS;

register(new URL('./record-imports-hooks.mjs', import.meta.url), {
  data: { file },
});

if (file) {
  const load = Module._load;
  Module._load = function recordingLoad(request, parent, isMain) {
    const result = load.call(this, request, parent, isMain);
    try {
      const filename = Module._resolveFilename(request, parent, isMain);
      appendFileSync(file, `${filename.startsWith('/') ? pathToFileURL(filename).href : `node:${filename}`}\n`);
    } catch {
      appendFileSync(file, `require:${request}\n`);
    }
    return result;
  };
}
