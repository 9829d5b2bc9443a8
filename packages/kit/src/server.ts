import http from 'node:http';
import {
  ApolloServer,
  type ApolloServerOptionsWithGateway,
  type ApolloServerPlugin,
  type BaseContext,
} from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express, type Request, type Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { createFormatError } from './errors';
import { gatewayCredentialGuard } from './gateway-credential';
import { createQueryLimits, createSubgraphQueryLimits } from './query-limits';
import { requestIdMiddleware } from './request-id';
import { redisOutagePlugin } from './unavailable';
import { tokenStatusPlugin } from './token-status';
import { traceRequests, traceRootFields } from './tracing';

export type ReadinessCheck = () => Promise<void>;

export interface GraphQLServiceOptions<C extends BaseContext> {
  name: string;
  /** A subgraph passes its schema; the gateway passes its ApolloGateway instead. */
  schema?: GraphQLSchema;
  gateway?: ApolloServerOptionsWithGateway<BaseContext>['gateway'];
  logger: Logger;
  context: (args: { req: Request; res: Response }) => Promise<C>;
  readiness?: Record<string, ReadinessCheck>;
  production?: boolean;
  plugins?: ApolloServerPlugin<C>[];
  validationRules?: ApolloServerOptionsWithGateway<C>['validationRules'];
  registry?: Registry;
  /** Routes mounted before GraphQL (JWKS, static files, ...). */
  routes?: (app: Express) => void;
  /** The query-shape limits (query-limits.ts), installed for the gateway and subgraphs alike. */
  queryLimits: { maxDepth: number };
  /** A subgraph given the secret answers /graphql only to requests the gateway signed. */
  gatewaySecret?: string | null;
}

export interface GraphQLService {
  app: Express;
  httpServer: http.Server;
  /** The operations server: `/healthz`, `/readyz` and `/metrics`, on a port of its own. */
  opsApp: Express;
  registry: Registry;
  listen(port: number, host?: string): Promise<number>;
  /** Starts the operations server; a test that never reads /readyz or /metrics need not. */
  listenOps(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Two HTTP servers per service. The public one: `/graphql` (Apollo Server 5 on Express 5) and
 * `/healthz` (the process is alive). The operations one, on `<SERVICE>_OPS_PORT`, which a
 * deployment keeps off the public network: `/readyz` (which dependencies answer, by name) and
 * `/metrics` (what the process is doing), neither of which a stranger should read, plus
 * `/healthz`.
 */
export async function createGraphQLService<C extends BaseContext>(
  options: GraphQLServiceOptions<C>,
): Promise<GraphQLService> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const registry = options.registry ?? new Registry();
  if (!options.registry) collectDefaultMetrics({ register: registry });
  const limitOptions = { ...options.queryLimits, production: options.production ?? false };
  const limits = options.gateway
    ? createQueryLimits(limitOptions)
    : createSubgraphQueryLimits(limitOptions);
  const guard = options.gatewaySecret ? gatewayCredentialGuard(options.gatewaySecret) : null;
  if (options.schema) traceRootFields(options.schema, options.name);

  const apollo = new ApolloServer<C>({
    ...(options.gateway
      ? { gateway: options.gateway }
      : { schema: options.schema as GraphQLSchema }),
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    // Each service's onShutdown decides the order of closing; Apollo's own signal handler
    // would stop the server and re-raise the signal before that order could run.
    stopOnTerminationSignals: false,
    validationRules: [...limits.validationRules, ...(options.validationRules ?? [])],
    parseOptions: limits.parseOptions,
    formatError: createFormatError(options.logger),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Federated traces cost CPU on every request and nothing here reads them.
      ...(options.gateway ? [] : [ApolloServerPluginInlineTraceDisabled()]),
      // The default landing page loads Apollo Sandbox from a CDN, which these machines cannot
      // reach; the gateway serves a bundled GraphiQL instead.
      ApolloServerPluginLandingPageDisabled(),
      ...limits.plugins,
      redisOutagePlugin<C>(),
      ...(options.plugins ?? []),
      tokenStatusPlugin<C>(),
    ],
  });
  await apollo.start();

  app.use(requestIdMiddleware(options.logger));
  const healthz = (_req: Request, res: Response) => {
    res.json({ status: 'ok', service: options.name });
  };
  app.get('/healthz', healthz);
  const opsApp = opsRoutes(options, registry, healthz);
  const opsServer = http.createServer(opsApp);
  options.routes?.(app);
  app.use(
    '/graphql',
    express.json({ limit: '1mb', verify: guard?.keepBody }),
    traceRequests(options.name),
    ...(guard ? [guard.check] : []),
    expressMiddleware(apollo, { context: ({ req, res }) => options.context({ req, res }) }),
  );

  return {
    app,
    httpServer,
    opsApp,
    registry,
    listen: (port, host = '127.0.0.1') => listenOn(httpServer, port, host),
    listenOps: (port, host = '127.0.0.1') => listenOn(opsServer, port, host),
    stop: async () => {
      if (opsServer.listening) await new Promise((resolve) => opsServer.close(resolve));
      await apollo.stop();
    },
  };
}

function opsRoutes(
  options: Pick<GraphQLServiceOptions<BaseContext>, 'readiness'>,
  registry: Registry,
  healthz: (req: Request, res: Response) => void,
): Express {
  const ops = express();
  ops.disable('x-powered-by');
  ops.get('/healthz', healthz);
  ops.get('/readyz', async (_req, res) => {
    const result = await runChecks(options.readiness ?? {});
    res
      .status(result.ok ? 200 : 503)
      .json({ status: result.ok ? 'ready' : 'not ready', checks: result.checks });
  });
  ops.get('/metrics', async (_req, res) => {
    res.setHeader('content-type', registry.contentType);
    res.send(await registry.metrics());
  });
  return ops;
}

function listenOn(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

const CHECK_TIMEOUT_MS = 2000;

async function runChecks(checks: Record<string, ReadinessCheck>) {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await withTimeout(check(), CHECK_TIMEOUT_MS);
        return [name, 'ok'] as const;
      } catch (error) {
        return [name, error instanceof Error ? error.message : 'failed'] as const;
      }
    }),
  );
  return { ok: entries.every(([, state]) => state === 'ok'), checks: Object.fromEntries(entries) };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
