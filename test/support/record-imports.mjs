// Loaded with `node --import`: records every module URL the program resolves into the file
// named by RECORD_IMPORTS, so a test can prove what `--help` does not load.
import { register } from 'node:module';

register(new URL('./record-imports-hooks.mjs', import.meta.url), {
  data: { file: process.env.RECORD_IMPORTS },
});
