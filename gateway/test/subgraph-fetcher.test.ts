import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayVerifier, GATEWAY_SIGNATURE_HEADER } from '@social/kit';
import { createSubgraphFetcher, SubgraphHeaders } from '../src/subgraph-fetcher';

describe('the subgraph fetcher', () => {
  let server: http.Server;
  let url: string;
  const fetcher = createSubgraphFetcher({ timeoutMs: 2000 });
  const received: Array<{ method?: string; headers: http.IncomingHttpHeaders; body: string }> = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ method: req.method, headers: req.headers, body });
        res.setHeader('content-type', 'application/json');
        res.setHeader('set-cookie', ['a=1; Path=/graphql', 'b=2; Path=/graphql']);
        res.statusCode = req.url === '/missing' ? 404 : 200;
        res.end(JSON.stringify({ data: { __typename: 'Query' } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await fetcher.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts the request as given and answers the way RemoteGraphQLDataSource reads it', async () => {
    const response = await fetcher.fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-1' },
      body: '{"query":"{ __typename }"}',
    });
    expect(received.at(-1)).toMatchObject({
      method: 'POST',
      headers: { 'x-request-id': 'req-1' },
      body: '{"query":"{ __typename }"}',
    });
    expect([response.ok, response.status, response.statusText]).toEqual([true, 200, 'OK']);
    expect(response.headers.get('Content-Type')).toBe('application/json');
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    expect(await response.clone().text()).toBe('{"data":{"__typename":"Query"}}');
    expect(Buffer.from(await response.arrayBuffer()).toString()).toBe(
      '{"data":{"__typename":"Query"}}',
    );
  });

  it('keeps each Set-Cookie apart, where get() joins them', async () => {
    const { headers } = await fetcher.fetch(`${url}/graphql`, { body: '{}' });
    expect(headers).toBeInstanceOf(SubgraphHeaders);
    expect(headers.get('set-cookie')).toBe('a=1; Path=/graphql, b=2; Path=/graphql');
    expect(headers instanceof SubgraphHeaders && headers.setCookies()).toEqual([
      'a=1; Path=/graphql',
      'b=2; Path=/graphql',
    ]);
    expect(new Map(headers).get('content-type')).toBe('application/json');
  });

  it('signs every request with the gateway secret when it has one, and only then', async () => {
    const secret = 'the gateway secret of this test, 32+ characters';
    const signing = createSubgraphFetcher({ timeoutMs: 2000, gatewaySecret: secret });
    try {
      const body = '{"query":"query($r:[_Any!]!){ _entities(representations:$r){ __typename } }"}';
      await signing.fetch(`${url}/graphql?x=1`, { method: 'POST', headers: {}, body });
      const signed = received.at(-1);
      const header = signed?.headers[GATEWAY_SIGNATURE_HEADER];
      const verify = createGatewayVerifier(secret);
      expect(
        verify(typeof header === 'string' ? [header] : undefined, {
          method: 'POST',
          path: '/graphql?x=1',
          body: signed?.body ?? '',
        }),
      ).toBeNull();
    } finally {
      await signing.close();
    }
    await fetcher.fetch(`${url}/graphql`, { body: '{}' });
    expect(received.at(-1)?.headers[GATEWAY_SIGNATURE_HEADER]).toBeUndefined();
  });

  it('reports a failing status without throwing', async () => {
    const response = await fetcher.fetch(`${url}/missing`);
    expect([response.ok, response.status, response.statusText]).toEqual([false, 404, 'Not Found']);
  });
});
