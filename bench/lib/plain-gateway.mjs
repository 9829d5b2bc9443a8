// Reference (a): a plain ApolloGateway over the same supergraph file, no plugins, standalone
// server. Only the Authorization header is passed on, because the subgraphs need the token.
// Usage: PORT=4311 SUPERGRAPH=path node bench/lib/plain-gateway.mjs
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

class ForwardAuth extends RemoteGraphQLDataSource {
  willSendRequest({ request, context }) {
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
  }
}

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(process.env.SUPERGRAPH, 'utf8'),
  buildService: ({ url }) => new ForwardAuth({ url }),
});
const server = new ApolloServer({ gateway, stopOnTerminationSignals: true });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(process.env.PORT), host: '127.0.0.1' },
  context: async ({ req }) => ({ authorization: req.headers.authorization }),
});
process.stdout.write(`plain ApolloGateway at ${url}\n`);
