// Reference (b): Hive Gateway's runtime on the same supergraph file, in one process (the CLI
// would fork workers), on node:http. The Authorization header is propagated to subgraphs, and
// each subgraph request is signed with GATEWAY_SECRET, as production subgraphs require.
// Usage: PORT=4312 SUPERGRAPH=path GATEWAY_SECRET=... node bench/lib/hive-gateway.mjs
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { createGatewaySigner, GATEWAY_SIGNATURE_HEADER } from '@social/kit';

const sign = createGatewaySigner(process.env.GATEWAY_SECRET);

/** Signs the exact body Hive Gateway is about to send to a subgraph. */
const signSubgraphRequests = {
  onFetch({ url, options, setOptions }) {
    const { pathname, search } = new URL(url);
    const method = options.method ?? 'POST';
    const signature = sign({ method, path: pathname + search, body: options.body ?? '' });
    const headers =
      options.headers instanceof Headers ? Object.fromEntries(options.headers) : options.headers;
    setOptions({ ...options, headers: { ...headers, [GATEWAY_SIGNATURE_HEADER]: signature } });
  },
};

const gateway = createGatewayRuntime({
  supergraph: process.env.SUPERGRAPH,
  logging: 'error',
  graphqlEndpoint: '/graphql',
  landingPage: false,
  graphiql: false,
  plugins: () => [signSubgraphRequests],
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => {
      const authorization = request.headers.get('authorization');
      return authorization ? { authorization } : {};
    },
  },
});
const server = createServer(gateway);
server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  process.stdout.write(`Hive Gateway at http://127.0.0.1:${process.env.PORT}/graphql\n`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    server.close();
    void gateway.dispose().finally(() => process.exit(0));
  });
}
