import { readFile } from 'node:fs/promises';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { injectTraceHeaders, type Logger } from '@social/kit';
import { GraphQLError } from 'graphql';
import { subgraphRefusal } from './auth/subgraph-refusal';
import type { GatewayContext } from './context';
import type { GatewayMetrics } from './metrics';
import { createSubgraphFetcher, SubgraphHeaders, type SubgraphFetcher } from './subgraph-fetcher';
import { unavailableFromSubgraph } from './subgraph-unavailable';

export interface GatewayOptions {
  supergraphPath: string;
  subgraphUrls: Record<string, string>;
  timeoutMs: number;
  /** Signs every subgraph request when set (kit: gateway-credential.ts). */
  gatewaySecret: string | null;
  logger: Logger;
  metrics: GatewayMetrics;
}

type SendOptions = Parameters<NonNullable<RemoteGraphQLDataSource['willSendRequest']>>[0];
type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];
type ReceiveOptions = Parameters<
  NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>
>[0];

/**
 * What a subgraph receives is built here and nothing else passes: the verified access token
 * (subgraphs verify it again, so a forged header is worthless), the request id, the client
 * address, the trace context of the plan's fetch span (W3C `traceparent`), and, for members
 * only, the refresh cookie, the session transport and the user agent. Set-Cookie from members
 * flows back.
 */
class SubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    private readonly logger: Logger,
    config: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0],
  ) {
    super(config);
  }

  override willSendRequest(options: SendOptions) {
    if (options.kind !== 'incoming operation') return;
    const context = options.context as GatewayContext;
    const headers = options.request.http?.headers;
    if (!headers) return;
    headers.set('x-request-id', context.requestId);
    headers.set('x-forwarded-for', context.clientAddress);
    // Apollo calls this inside its `gateway.fetch` span, which the subgraph's span continues.
    injectTraceHeaders(headers);
    if (context.forwardToken) headers.set('authorization', `Bearer ${context.forwardToken}`);
    if (this.subgraph === 'members' && context.cookie) headers.set('cookie', context.cookie);
    const transport = context.req.headers['x-session-transport'];
    if (this.subgraph === 'members' && typeof transport === 'string')
      headers.set('x-session-transport', transport);
    // Members labels each session with the device it came from (its sessions list).
    const userAgent = context.req.headers['user-agent'];
    if (this.subgraph === 'members' && typeof userAgent === 'string')
      headers.set('user-agent', userAgent);
  }

  override didReceiveResponse({ response, context }: ReceiveOptions) {
    if (this.subgraph === 'members') {
      const headers = response.http?.headers;
      if (headers instanceof SubgraphHeaders)
        for (const cookie of headers.setCookies()) context.res?.append('Set-Cookie', cookie);
    }
    return response;
  }

  /**
   * Errors a subgraph answers with a non-2xx status. Its 401 keeps its reason
   * (auth/subgraph-refusal.ts) and a 503 stays a 503. A refused gateway credential means the
   * secrets differ: an operator's problem, logged here, and to the client an internal error
   * (Apollo's own error would carry FORBIDDEN with the subgraph's URL and answer).
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const error = await super.errorFromResponse(response);
    const answer = error.extensions.response as { body?: unknown } | undefined;
    const refusal = subgraphRefusal(answer?.body ?? null);
    if (refusal) return refusal;
    const body = JSON.stringify(answer ?? null);
    if (response.status === 403 && /"GATEWAY_CREDENTIAL_[A-Z]+"/.test(body)) {
      this.logger.error(
        { subgraph: this.subgraph, body },
        'subgraph refused the gateway credential',
      );
      return new GraphQLError('Internal server error', {
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
    }
    return unavailableFromSubgraph(error) ?? error;
  }
}

/** The gateway plans over the committed static supergraph; it never introspects at boot. */
export async function createApolloGateway(options: GatewayOptions): Promise<ApolloGateway> {
  const supergraphSdl = await readFile(options.supergraphPath, 'utf8');
  const fetcher = createSubgraphFetcher({
    timeoutMs: options.timeoutMs,
    gatewaySecret: options.gatewaySecret,
  });
  return new ApolloGateway({
    supergraphSdl,
    logger: options.logger.child({ component: 'apollo-gateway' }),
    buildService: ({ name, url }) => {
      const target = options.subgraphUrls[name] ?? url;
      if (!target) throw new Error(`no URL for subgraph ${name}`);
      return new SubgraphSource(name, options.logger, {
        url: target,
        fetcher: timedFetch(name, fetcher.fetch, options.metrics),
      });
    },
  });
}

function timedFetch(
  subgraph: string,
  fetcher: SubgraphFetcher,
  metrics: GatewayMetrics,
): SubgraphFetcher {
  return async (input, init) => {
    const stopTimer = metrics.subgraphLatency.startTimer({ subgraph });
    try {
      const response = await fetcher(input, init);
      stopTimer({ outcome: response.ok ? 'ok' : `http_${response.status}` });
      return response;
    } catch (error) {
      stopTimer({ outcome: 'error' });
      throw error;
    }
  };
}
