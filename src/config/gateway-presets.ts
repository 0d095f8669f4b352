export const GATEWAY_PRESETS = ['truefoundry', 'custom'] as const;
export type GatewayPreset = (typeof GATEWAY_PRESETS)[number];
