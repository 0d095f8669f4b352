import type { PartialSettings } from './settings.js';

/** Provider-independent defaults, the lowest layer of resolution. */
export const GLOBAL_DEFAULTS: PartialSettings = { vad: 'server', timeoutSeconds: 15 };
