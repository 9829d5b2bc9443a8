import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A round-robin HTTP load balancer on loopback, what compose's nginx (infra/nginx) or Docker's
 * DNS does in front of several instances of one service: each request goes to the next live
 * backend, with the client's address appended to X-Forwarded-For. `drain` takes a backend out
 * of rotation as a failing health check or a rolling deploy does, before the instance stops; a
 * connection refused (the request never reached it) is tried on the next backend, as nginx's
 * `proxy_next_upstream error` does for any method.
 */
export interface Balancer {
  /** http://127.0.0.1:<port> */
  url: string;
  add(backend: string): void;
  drain(backend: string): void;
  /** Requests answered, by backend origin. */
  served: Map<string, number>;
  close(): Promise<void>;
}

export async function startBalancer(backends: string[] = []): Promise<Balancer> {
  const live = backends.map((backend) => new URL(backend).origin);
  const served = new Map<string, number>();
  const agent = new Agent({ keepAlive: true });
  let turn = 0;

  function forward(req: IncomingMessage, body: Buffer, res: ServerResponse, tries: number) {
    if (live.length === 0 || tries >= live.length) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end('no backend');
      return;
    }
    const backend = new URL(live[turn++ % live.length] ?? '');
    const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress]
      .filter(Boolean)
      .join(', ');
    const upstream = request(
      {
        agent,
        host: backend.hostname,
        port: backend.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'x-forwarded-for': forwardedFor },
      },
      (answer) => {
        served.set(backend.origin, (served.get(backend.origin) ?? 0) + 1);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') forward(req, body, res, tries + 1);
      else res.destroy(error);
    });
    upstream.end(body);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => forward(req, Buffer.concat(chunks), res, 0));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    add: (backend) => void live.push(new URL(backend).origin),
    drain: (backend) => {
      const index = live.indexOf(new URL(backend).origin);
      if (index >= 0) live.splice(index, 1);
    },
    served,
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
