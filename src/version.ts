import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** From package.json, read once; the build does not copy it. */
export const VERSION: string = (require('../package.json') as { version: string }).version;
