import http from 'node:http';

/** fetch() merges duplicate headers, so duplicates and raw values need node:http. */
export function rawPost(url: string, query: string, headers: Array<[string, string]>) {
  const target = new URL(url);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.request(
      { host: target.hostname, port: target.port, path: target.pathname, method: 'POST' },
      (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on('error', reject);
    request.setHeader('content-type', 'application/json');
    for (const [name, value] of headers) request.appendHeader(name, value);
    request.end(JSON.stringify({ query }));
  });
}
