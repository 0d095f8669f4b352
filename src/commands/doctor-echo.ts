import type { ProviderCatalogue } from '../config/provider-catalogue.js';
import type { DoctorCheck } from './doctor-checks.js';

/** What the WebRTC loader reported, reduced to what the doctor prints. */
export type ApmProbe = { ok: true; binaryPackage: string } | { ok: false; reason: string; binaryPackage?: string };

/**
 * Echo cancellation: whether WebRTC AEC3 loads here (and from which platform binary), and what
 * `--echo-cancellation auto` does per provider. A missing library is not a failure: the echo gate
 * stands in. Pure.
 */
export function echoChecks(apm: ApmProbe, catalogue: ProviderCatalogue): DoctorCheck[] {
  const local: DoctorCheck = apm.ok
    ? { name: 'echo cancellation', status: 'ok', detail: `local: WebRTC AEC3 loads (${apm.binaryPackage})` }
    : {
        name: 'echo cancellation',
        status: 'ok',
        detail: `local: the echo gate (WebRTC AEC3 unavailable: ${apm.reason}${
          apm.binaryPackage === undefined ? '' : `; platform binary ${apm.binaryPackage}`
        }); with speakers, speak up to interrupt, or use headphones`,
      };
  const server = catalogue.entries.filter((e) => e.serverEchoCancellation).map((e) => e.label);
  const fallback = apm.ok ? 'local (AEC3)' : 'the echo gate';
  const auto: DoctorCheck = {
    name: 'echo: auto',
    status: 'ok',
    detail: `${server.length === 0 ? '' : `server on ${server.join(', ')}; `}${fallback} on the others`,
  };
  return [local, auto];
}
