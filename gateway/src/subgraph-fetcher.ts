import { STATUS_CODES, type IncomingHttpHeaders } from 'node:http';
import { Agent, request } from 'undici';

/**
 * The fetch-shaped slice of a response that Apollo's RemoteGraphQLDataSource reads
 * (ok, status, statusText, headers.get, json, text), plus `raw()` for each Set-Cookie.
 */
class SubgraphResponse {
  readonly headers: { get(name: string): string | null; raw(): Record<string, string[]> };

  constructor(
    readonly url: string,
    readonly status: number,
    headers: IncomingHttpHeaders,
    private readonly body: string,
  ) {
    this.headers = {
      get: (name) => {
        const value = headers[name.toLowerCase()];
        return Array.isArray(value) ? value.join(', ') : (value ?? null);
      },
      raw: () => {
        const cookies = headers['set-cookie'];
        return { 'set-cookie': Array.isArray(cookies) ? cookies : cookies ? [cookies] : [] };
      },
    };
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get statusText(): string {
    return STATUS_CODES[this.status] ?? '';
  }

  async text(): Promise<string> {
    return this.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }
}

export type SubgraphFetcher = (
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string },
) => Promise<SubgraphResponse>;

/**
 * Subgraph calls over undici's pooled keep-alive connections with header and body timeouts.
 * The gateway's CPU profile showed fetch-style clients (Node's fetch with an AbortSignal per
 * call, or make-fetch-happen with its agent and stack-trace probe) costing more per request
 * than planning the query; a plain request on a pool does the same job.
 */
export function createSubgraphFetcher(options: { timeoutMs: number }): {
  fetch: SubgraphFetcher;
  close(): Promise<void>;
} {
  const dispatcher = new Agent({
    keepAliveTimeout: 30_000,
    connections: 128,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connect: { timeout: Math.min(options.timeoutMs, 5000) },
  });
  return {
    fetch: async (url, init) => {
      const response = await request(url, {
        method: (init.method ?? 'POST') as 'POST',
        headers: init.headers,
        body: init.body,
        dispatcher,
      });
      return new SubgraphResponse(
        url,
        response.statusCode,
        response.headers,
        await response.body.text(),
      );
    },
    close: () => dispatcher.close(),
  };
}
