#!/usr/bin/env node
// React's development build records a performance entry per render and keeps them all: a TUI
// session would grow by hundreds of MB an hour. Dynamic import, so this runs first.
process.env.NODE_ENV ??= 'production';
const { ensureBuilt } = await import('./ensure-built.js');
ensureBuilt();
await import('../dist/cli/main.js');
