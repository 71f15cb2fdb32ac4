/**
 * A tiny static file server on 127.0.0.1 for test pages and the demo (no network beyond loopback).
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

export interface Served {
  url: string;
  port: number;
  server: Server;
  close: () => Promise<void>;
}

export interface ServeOptions {
  /** Extra response headers (e.g. a Content-Security-Policy) for every file. */
  headers?: Record<string, string>;
  /** Pages generated in memory: path -> body, or body with its own type and headers. */
  pages?: Map<string, string | ServedPage>;
}

/** A page generated in memory with its own content type or headers (a CSP, XML). */
export interface ServedPage {
  body: string;
  type?: string;
  headers?: Record<string, string>;
}

/** Serves `dir` (and in-memory pages) on a free port of 127.0.0.1. */
export async function serve(dir: string, options: ServeOptions = {}): Promise<Served> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    void (async () => {
      let path: string;
      try {
        path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      } catch {
        res.writeHead(400).end();
        return;
      }
      const headers = { 'Cache-Control': 'no-store', ...options.headers };
      const entry = options.pages?.get(path);
      if (entry !== undefined) {
        const page = typeof entry === 'string' ? { body: entry } : entry;
        const type = page.type ?? TYPES[extname(path)] ?? TYPES['.html']!;
        res.writeHead(200, { 'Content-Type': type, ...headers, ...page.headers });
        res.end(page.body);
        return;
      }
      const file = normalize(join(root, path));
      if (!file.startsWith(root + sep) && file !== root) {
        res.writeHead(403).end();
        return;
      }
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', ...headers });
        res.end(body);
      } catch {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      }
    })();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        // Browsers keep connections open (a frame's page, keep-alive): close them too, or close() waits.
        server.closeAllConnections();
      }),
  };
}
