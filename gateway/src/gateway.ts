import { readFile } from 'node:fs/promises';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Logger } from '@social/kit';

export interface GatewayOptions {
  supergraphPath: string;
  subgraphUrls: Record<string, string>;
  timeoutMs: number;
  logger: Logger;
}

/** Forwards the request id so one id follows a request through every subgraph's logs. */
class SubgraphSource extends RemoteGraphQLDataSource {
  override willSendRequest(options: Parameters<NonNullable<RemoteGraphQLDataSource['willSendRequest']>>[0]) {
    if (options.kind !== 'incoming operation') return;
    const context = options.context as { requestId?: string };
    if (context.requestId) options.request.http?.headers.set('x-request-id', context.requestId);
  }
}

/** The gateway plans over the committed static supergraph; it never introspects at boot. */
export async function createApolloGateway(options: GatewayOptions): Promise<ApolloGateway> {
  const supergraphSdl = await readFile(options.supergraphPath, 'utf8');
  return new ApolloGateway({
    supergraphSdl,
    logger: options.logger.child({ component: 'apollo-gateway' }),
    buildService: ({ name, url }) => {
      const target = options.subgraphUrls[name] ?? url;
      if (!target) throw new Error(`no URL for subgraph ${name}`);
      return new SubgraphSource({
        url: target,
        fetcher: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(options.timeoutMs) }) as any,
      });
    },
  });
}
