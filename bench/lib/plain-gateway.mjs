// Reference (a): a plain ApolloGateway over the same supergraph file, no plugins, standalone
// server. Only the Authorization header is passed on, because the subgraphs need the token,
// and each request is signed with GATEWAY_SECRET, because production subgraphs want that too.
// Usage: PORT=4311 SUPERGRAPH=path GATEWAY_SECRET=... node bench/lib/plain-gateway.mjs
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createGatewaySigner, GATEWAY_SIGNATURE_HEADER } from '@social/kit';

const sign = createGatewaySigner(process.env.GATEWAY_SECRET);

class ForwardAuth extends RemoteGraphQLDataSource {
  willSendRequest({ request, context }) {
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
  }
}

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(process.env.SUPERGRAPH, 'utf8'),
  buildService: ({ url }) => {
    // Apollo's own fetcher, given the signature over the exact body it is about to send.
    const { fetcher } = new RemoteGraphQLDataSource({ url });
    const { pathname, search } = new URL(url);
    const signed = (target, init) => {
      const signature = sign({ method: init.method, path: pathname + search, body: init.body });
      return fetcher(target, {
        ...init,
        headers: { ...init.headers, [GATEWAY_SIGNATURE_HEADER]: signature },
      });
    };
    return new ForwardAuth({ url, fetcher: signed });
  },
});
const server = new ApolloServer({ gateway, stopOnTerminationSignals: true });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(process.env.PORT), host: '127.0.0.1' },
  context: async ({ req }) => ({ authorization: req.headers.authorization }),
});
process.stdout.write(`plain ApolloGateway at ${url}\n`);
