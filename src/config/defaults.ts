import { TABLE_DEFAULTS } from './setting-specs.js';
import type { PartialSettings } from './settings.js';

/** Provider-independent defaults, the lowest layer of resolution (declared in the settings table). */
export const GLOBAL_DEFAULTS: PartialSettings = TABLE_DEFAULTS;
