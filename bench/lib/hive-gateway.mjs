// Reference (b): Hive Gateway's runtime on the same supergraph file, in one process (the CLI
// would fork workers), on node:http. The Authorization header is propagated to subgraphs.
// Usage: PORT=4312 SUPERGRAPH=path node bench/lib/hive-gateway.mjs
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';

const gateway = createGatewayRuntime({
  supergraph: process.env.SUPERGRAPH,
  logging: 'error',
  graphqlEndpoint: '/graphql',
  landingPage: false,
  graphiql: false,
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
