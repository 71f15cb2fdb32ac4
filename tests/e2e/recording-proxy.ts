/**
 * An HTTP proxy on 127.0.0.1 that writes down every request a browser sends through it: plain
 * requests by URL, HTTPS by their CONNECT (host and port; the tunnel is refused). Requests to the
 * one origin it serves are passed on to it; everything else is answered 502, since the network is
 * closed anyway. The browsers are set to send everything through it, their own requests and the
 * extension's background included, which a page's request log would not show.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ProxyRecord {
  /** 'GET http://host/path' or 'CONNECT host:443'. */
  line: string;
  /** The URL (for CONNECT: https://host:port/). */
  url: string;
}

export interface RecordingProxy {
  port: number;
  log: ProxyRecord[];
  close: () => Promise<void>;
}

/** Starts the proxy; requests for `passOrigin` (http://127.0.0.1:PORT) reach that server. */
export async function startRecordingProxy(passOrigin: string): Promise<RecordingProxy> {
  const log: ProxyRecord[] = [];
  const sockets = new Set<Socket>();
  const pass = new URL(passOrigin);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '';
    log.push({ line: `${req.method} ${url}`, url });
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (target.origin !== pass.origin) {
      res.writeHead(502).end();
      return;
    }
    const upstream = httpRequest(
      {
        host: pass.hostname,
        port: pass.port,
        path: target.pathname + target.search,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (res.headersSent) res.destroy();
      else res.writeHead(502).end();
    });
    req.pipe(upstream);
  });
  server.on('connect', (req: IncomingMessage, socket: Socket) => {
    log.push({ line: `CONNECT ${req.url ?? ''}`, url: `https://${req.url ?? ''}/` });
    // A CONNECT socket is ours alone once handed over: a browser resetting it after the refusal
    // must not become an uncaught error in the test run (it did: ECONNRESET).
    socket.on('error', () => {});
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
