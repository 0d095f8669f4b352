#!/usr/bin/env node
// An MCP server for fault tests (stdio). Plain JS so it starts fast without a TypeScript loader.
// FAULT_MODE: "" (normal) | "hang" (never answers initialize) | "exit" (dies at once, with stderr)
// FAULT_LOG: a file that receives one line per event the tests check (cancellations, child pids).
import { appendFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const mode = process.env.FAULT_MODE ?? '';
const log = (line) => {
  if (process.env.FAULT_LOG) appendFileSync(process.env.FAULT_LOG, `${line}\n`);
};

if (mode === 'exit') {
  process.stderr.write('fault server: refusing to start (FAULT_MODE=exit)\n');
  process.exit(3);
}
if (mode === 'hang') {
  process.stdin.resume(); // reads, never answers
  setInterval(() => undefined, 1 << 30);
} else {
  const tools = [
    {
      name: 'slow',
      description: 'Waits ms milliseconds, then answers. Logs "cancelled <ms>" when the client cancels.',
      inputSchema: { type: 'object', properties: { ms: { type: 'integer', minimum: 0 } }, required: ['ms'] },
    },
    {
      name: 'crash',
      description: 'The server process exits in the middle of the call.',
      inputSchema: { type: 'object' },
    },
    {
      name: 'huge',
      description: 'Returns chars characters of text.',
      inputSchema: { type: 'object', properties: { chars: { type: 'integer' } } },
    },
    {
      name: 'tree',
      description: 'A recursive schema ($ref) that Gemini cannot express.',
      inputSchema: {
        type: 'object',
        properties: { root: { $ref: '#/$defs/node' } },
        $defs: {
          node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/$defs/node' } } } },
        },
      },
    },
    {
      name: 'add_tool',
      description: 'Adds the tool "extra" and notifies list_changed.',
      inputSchema: { type: 'object' },
    },
    {
      name: 'spawn_child',
      description: 'Starts a long-lived helper process (in the server group) and logs its pid.',
      inputSchema: { type: 'object' },
    },
    {
      name: 'fail',
      description: 'Returns isError with a message.',
      inputSchema: { type: 'object' },
      annotations: { readOnlyHint: true },
    },
  ];
  const server = new Server(
    { name: 'fault-server', version: '1.0.0' },
    { capabilities: { tools: { listChanged: true } } },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const args = request.params.arguments ?? {};
    switch (request.params.name) {
      case 'slow': {
        const ms = Number(args.ms ?? 0);
        const done = await new Promise((resolve) => {
          const timer = setTimeout(() => resolve(true), ms);
          extra.signal.addEventListener('abort', () => {
            clearTimeout(timer);
            log(`cancelled ${ms}`);
            resolve(false);
          });
        });
        return { content: [{ type: 'text', text: done ? `slept ${ms} ms` : 'cancelled' }] };
      }
      case 'crash':
        setTimeout(() => process.exit(7), 50);
        return new Promise(() => undefined);
      case 'huge':
        return { content: [{ type: 'text', text: 'x'.repeat(Number(args.chars ?? 100_000)) }] };
      case 'tree':
        return { content: [{ type: 'text', text: JSON.stringify(args) }] };
      case 'add_tool':
        if (!tools.some((t) => t.name === 'extra')) {
          tools.push({ name: 'extra', description: 'Added at run time.', inputSchema: { type: 'object' } });
        }
        await server.sendToolListChanged();
        return { content: [{ type: 'text', text: 'added' }] };
      case 'spawn_child': {
        const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
        log(`child ${child.pid}`);
        return { content: [{ type: 'text', text: `child ${child.pid}` }] };
      }
      case 'extra':
        return { content: [{ type: 'text', text: 'extra ran' }] };
      case 'fail':
        return { isError: true, content: [{ type: 'text', text: 'this tool always fails' }] };
      default:
        return { isError: true, content: [{ type: 'text', text: `no tool ${request.params.name}` }] };
    }
  });
  log(`server ${process.pid}`);
  await server.connect(new StdioServerTransport());
}
