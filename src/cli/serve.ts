// `refarch serve`: a live preview on http://127.0.0.1 only. The page lists the diagrams, shows each
// SVG (rendered in memory on request) with its diagnostics, and refreshes through Server-Sent Events
// when a spec changes on disk.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_LAYOUT_TIMEOUT_SECONDS, type ElkEngine } from '../layout/elk-engine.js';
import { THEME_NAMES, type ThemeName } from '../render/theme.js';
import type { SpecLimits } from '../spec/limits.js';
import { aborted, onInterrupt } from './interrupt.js';
import { budgetedElk, type LayoutBudgetFlag, layoutTimeoutOption } from './layout-budget.js';
import { type LimitFlags, limitOptions, limitsFrom, specInputs, specPathsArgument } from './options.js';
import { type PreviewState, PreviewStore } from './preview.js';
import { BugLog, EXIT_OK, EXIT_USAGE, type Output, plural, printDiagnostics } from './report.js';
import { PAGE_CSS, PAGE_HTML, PAGE_SCRIPT } from './serve-page.js';
import { DEBOUNCE_MS, missingInputs, watchSpecs } from './watch.js';

/** Only loopback: the preview reads local files and must never be reachable from the network. */
export const HOST = '127.0.0.1';
export const DEFAULT_PORT = 7020;

export interface PreviewServerOptions {
  port: number;
  limits: SpecLimits;
  theme: ThemeName;
  /** Where diagnostics of changed specs, and bugs, are printed. */
  err: Output;
  /** Seconds one layout may take (default: DEFAULT_LAYOUT_TIMEOUT_SECONDS, as on the command line). */
  layoutTimeout?: number;
  /** Where ELK runs, if not on a worker of the server's own under `layoutTimeout`; the caller closes it. */
  elk?: ElkEngine;
  debounceMs?: number;
}

export interface PreviewServer {
  url: string;
  /** What the page would show now. */
  state(): Promise<PreviewState>;
  close(): Promise<void>;
}

const PAGE_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
// The SVG carries its own styles and a data: URI font; it needs nothing else.
const SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:";

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(body);
}

/** Refuses requests addressed to another host name, so a web page cannot reach us by DNS rebinding. */
function hostAllowed(req: IncomingMessage, port: number): boolean {
  return req.headers.host === `${HOST}:${port}` || req.headers.host === `localhost:${port}`;
}

export async function startPreviewServer(
  inputs: readonly string[],
  options: PreviewServerOptions,
): Promise<PreviewServer> {
  const listeners = new Set<ServerResponse>();
  const broadcast = (files: string[]) => {
    const message = `event: change\ndata: ${JSON.stringify({ generation: store.generation, files })}\n\n`;
    for (const res of listeners) res.write(message);
  };
  const own = options.elk
    ? undefined
    : budgetedElk({ layoutTimeout: options.layoutTimeout ?? DEFAULT_LAYOUT_TIMEOUT_SECONDS });
  const elk = options.elk ?? own!;
  const store = new PreviewStore(inputs, {
    limits: options.limits,
    theme: options.theme,
    elk,
    // The page asked for the diagram; it learns why there is none through a change event.
    onLayoutTimeout: (diagnostic) => {
      printDiagnostics(options.err, 'text', [diagnostic]);
      broadcast([diagnostic.file]);
    },
  });
  await store.scan();
  // A bug fails one request, not the preview: reported with its stack, and the server goes on.
  const bugs = new BugLog(options.err);
  let port = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (!hostAllowed(req, port))
      return send(res, 403, 'text/plain; charset=utf-8', 'unexpected Host header\n');
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain; charset=utf-8', 'only GET\n', { Allow: 'GET, HEAD' });
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    switch (url.pathname) {
      case '/':
        return send(res, 200, 'text/html; charset=utf-8', PAGE_HTML, {
          'Content-Security-Policy': PAGE_POLICY,
        });
      case '/app.js':
        return send(res, 200, 'text/javascript; charset=utf-8', PAGE_SCRIPT);
      case '/app.css':
        return send(res, 200, 'text/css; charset=utf-8', PAGE_CSS);
      case '/favicon.ico':
        res.writeHead(204).end();
        return;
      case '/api/diagrams':
        return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(await store.state()));
      case '/diagram.svg': {
        // Only a file the store found is ever read: the query names one of them, never a path to open.
        const file = url.searchParams.get('file') ?? '';
        if (!store.has(file)) return send(res, 404, 'text/plain; charset=utf-8', 'no such diagram\n');
        const svg = await store.svg(file);
        if (svg === undefined) return send(res, 404, 'text/plain; charset=utf-8', 'the spec has errors\n');
        return send(res, 200, 'image/svg+xml; charset=utf-8', svg, { 'Content-Security-Policy': SVG_POLICY });
      }
      case '/events':
        res.writeHead(200, {
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-cache',
          Connection: 'keep-alive',
        });
        res.write('retry: 1000\n\n');
        listeners.add(res);
        req.on('close', () => listeners.delete(res));
        return;
      default:
        return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      bugs.report(`serving ${req.url ?? '/'}`, e);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error; see the terminal\n');
      else res.end();
    });
  });

  const onChange = async (files: string[]) => {
    store.changed(files);
    await store.scan();
    for (const file of files.filter((f) => store.has(f)))
      printDiagnostics(options.err, 'text', (await store.load(file)).diagnostics);
    broadcast(files);
  };
  const watcher = await watchSpecs(
    inputs,
    onChange,
    (e) => bugs.report('following changes to the specs', e),
    options.debounceMs ?? DEBOUNCE_MS,
  );

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, HOST, () => resolve());
    });
  } catch (e) {
    await Promise.all([watcher.close(), own?.close()]);
    throw e;
  }
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${HOST}:${port}/`,
    state: () => store.state(),
    async close() {
      await Promise.all([watcher.close(), own?.close()]);
      for (const res of listeners) res.end();
      listeners.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

interface ServeFlags extends LimitFlags, LayoutBudgetFlag {
  port: number;
  theme: ThemeName;
}

function portNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('expected a port number from 0 to 65535 (0: any free port)');
  return n;
}

export async function runServe(
  paths: string[],
  flags: ServeFlags,
  out: Output,
  err: Output,
  signal?: AbortSignal,
): Promise<number> {
  const inputs = specInputs(paths);
  const missing = await missingInputs(inputs);
  if (missing.length > 0) {
    printDiagnostics(err, 'text', missing);
    return EXIT_USAGE;
  }
  const options = {
    port: flags.port,
    limits: limitsFrom(flags),
    theme: flags.theme,
    layoutTimeout: flags.layoutTimeout,
    err,
  };
  let server: PreviewServer;
  try {
    server = await startPreviewServer(inputs, options);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason =
      code === 'EADDRINUSE' ? `port ${flags.port} is in use; try --port 0` : (e as Error).message;
    err.write(`refarch serve: cannot start: ${reason}\n`);
    return EXIT_USAGE;
  }
  const interrupt = signal ? undefined : onInterrupt();
  try {
    const state = await server.state();
    printDiagnostics(err, 'text', state.diagnostics);
    out.write(`refarch serve: ${server.url}\n`);
    err.write(
      `previewing ${plural(state.diagrams.length, 'spec')} from ${inputs.join(', ')}; press Ctrl-C to stop\n`,
    );
    await aborted(signal ?? interrupt!.signal);
    await server.close();
    err.write('stopped\n');
    return EXIT_OK;
  } finally {
    interrupt?.dispose();
  }
}

export function registerServe(
  program: Command,
  out: Output,
  err: Output,
  setExit: (code: number) => void,
): void {
  const command = program
    .command('serve')
    .description('preview the diagrams in a browser, live: http://127.0.0.1 only')
    .addArgument(specPathsArgument())
    .addOption(
      new Option('-p, --port <port>', 'port (0: any free port)').argParser(portNumber).default(DEFAULT_PORT),
    )
    .addOption(new Option('-t, --theme <theme>', 'colour theme').choices([...THEME_NAMES]).default('light'));
  for (const option of [...limitOptions(), layoutTimeoutOption()]) command.addOption(option);
  command.addHelpText(
    'after',
    '\nThe page refreshes when a spec changes and shows its diagnostics (file:line:col).\n\nExample:\n  $ refarch serve architectures --port 0',
  );
  command.action(async (paths: string[], flags: ServeFlags) =>
    setExit(await runServe(paths, flags, out, err)),
  );
}
