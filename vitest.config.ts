import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          setupFiles: ['test/support/setup-env.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.{ts,tsx}'],
          setupFiles: ['test/support/setup-env.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'audio',
          // device tests share one sound server: after unit/e2e, and never beside the pulse pass
          sequence: { groupOrder: 1 },
          include: ['test/audio/**/*.test.{ts,tsx}'],
          globalSetup: ['test/audio/global-setup.ts'],
          setupFiles: ['test/support/setup-env.ts'],
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // the same device tests through the pulse backend (parec/pacat): CI runs both passes
        test: {
          name: 'audio-pulse',
          sequence: { groupOrder: 2 },
          include: ['test/audio/**/*.test.{ts,tsx}'],
          globalSetup: ['test/audio/global-setup.ts'],
          setupFiles: ['test/support/setup-env.ts'],
          env: { VC_TEST_AUDIO_BACKEND: 'pulse' },
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
