// A local OTLP/HTTP sink for the traced gateway: it accepts every POST /v1/traces and counts the
// spans, so exporting costs the gateway what it would against a real collector on the host.
import { once } from 'node:events';
import { createServer } from 'node:http';
import { gunzipSync } from 'node:zlib';

export async function startOtlpSink() {
  let spans = 0;
  let requests = 0;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      requests += 1;
      try {
        const raw = Buffer.concat(chunks);
        const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
        for (const resource of JSON.parse(body.toString('utf8')).resourceSpans ?? [])
          for (const scope of resource.scopeSpans ?? []) spans += scope.spans?.length ?? 0;
      } catch {
        // counted as a request all the same; the answer is what a collector would give
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    counts: () => ({ spans, requests }),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
