import type { VoicechatError } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import type { SessionOptions } from '../../core/session.js';
import type { OpenAiStyleDialect, SessionShape } from './dialects.js';
import type { ServerSignal } from './map-server-event.js';
import { setupError } from './setup-error.js';

type ErrorSignal = Extract<ServerSignal, { kind: 'error' }>;

/** What to do with an `error` event that arrives before the session is ready. */
export type RefusalOutcome =
  /** Handled here (an expected or retried refusal): said at debug level only. */
  { kind: 'absorbed'; resend?: Record<string, unknown> | undefined } | { kind: 'fail'; error: VoicechatError };

/**
 * Which session shape the first `session.update` takes: the dialect's guess, the shape
 * `session.created` shows (for shape-detecting dialects), or one flip after a refusal.
 */
export class ShapeNegotiation {
  #dialect: OpenAiStyleDialect;
  #switched = false;
  /** Refusals still due for an update sent in the wrong shape (already replaced). */
  #staleRefusals = 0;
  #firstSent = false;
  readonly #options: SessionOptions;
  readonly #log: Logger;
  readonly #prefix: string;

  constructor(dialect: OpenAiStyleDialect, options: SessionOptions, log: Logger, prefix: string) {
    this.#dialect = dialect;
    this.#options = options;
    this.#log = log;
    this.#prefix = prefix;
  }

  get dialect(): OpenAiStyleDialect {
    return this.#dialect;
  }

  firstUpdate(): Record<string, unknown> {
    this.#firstSent = true;
    return this.#dialect.sessionUpdate(this.#options);
  }

  /** `session.created` showed `shape`; returns an update to send when the first one had the other shape. */
  onShape(shape: SessionShape): Record<string, unknown> | undefined {
    if (this.#switched || this.#dialect.detect === undefined) return undefined;
    const next = this.#dialect.detect(shape);
    if (next === this.#dialect) return undefined;
    this.#log.debug(`${this.#prefix}: session.created shows the ${shape} shape; sending a ${next.name} session.update`);
    this.#dialect = next;
    // frames read before the first update went out: it simply goes out in the right shape
    if (!this.#firstSent) return undefined;
    this.#switched = true;
    this.#staleRefusals = 1;
    return next.sessionUpdate(this.#options);
  }

  onRefusal(signal: ErrorSignal, credentialHint: string): RefusalOutcome {
    const code = signal.code;
    const other = this.#dialect.fallback?.(code, this.#options);
    if (this.#staleRefusals > 0 && other !== undefined) {
      this.#staleRefusals -= 1;
      this.#log.debug(`${this.#prefix}: the first session.update was refused as expected (${code ?? 'no code'})`);
      return { kind: 'absorbed' };
    }
    if (!this.#switched && other !== undefined) {
      this.#switched = true;
      const field = signal.param === undefined ? '' : `, ${signal.param}`;
      this.#log.debug(
        `${this.#prefix}: session.update refused (${code ?? 'no code'}${field}); retrying once with the ${other.name} shape`,
      );
      this.#dialect = other;
      return { kind: 'absorbed', resend: other.sessionUpdate(this.#options) };
    }
    return { kind: 'fail', error: setupError(signal, credentialHint) };
  }
}
