import type { MikroORM } from '@mikro-orm/mysql';
import type { AccessTokenVerifier } from '@social/auth';
import {
  createGraphQLService,
  createIdSource,
  createRateLimiter,
  createRevocationCache,
  createViewerAuth,
  type Logger,
  type Redis,
} from '@social/kit';
import { sqlOf } from '@social/kit/orm';
import type { Kafka } from '@social/kit/kafka';
import type { Registry } from 'prom-client';
import type { Config } from './config';
import { createContext, type ActivityContext } from './context';
import { createMemberEventsConsumer } from './members/member-events.consumer';
import type { UserDirectory } from './members/user-directory';
import { createOutboxSignal, type OutboxRelay, type OutboxSignal } from '@social/kit/outbox';
import { buildActivitySchema } from './schema';
import { createWriteLimits } from './shared/write-limits';

export interface ActivityDeps {
  orm: MikroORM;
  logger: Logger;
  /** Verifies the access token the gateway forwards; a request without a valid one is anonymous. */
  verifier: AccessTokenVerifier;
  /** Revoked sessions: a logged-out token is refused here too (401 TOKEN_REVOKED). */
  redis: Redis;
  /** Answers whether a member exists (follow targets). */
  users: UserDirectory;
  /** Notified after each commit that wrote events; share it with the relay. */
  outbox?: OutboxSignal;
  /** The relay's state joins /readyz when given. */
  relay?: Pick<OutboxRelay, 'ready' | 'state'>;
  registry?: Registry;
  /** With a client the server also consumes members' events (member.deleted). */
  kafka?: Kafka;
}

/** The activity HTTP service without a port: tests call it, `index.ts` listens. */
export async function createServer(
  config: Pick<
    Config,
    'production' | 'gatewaySecret' | 'queryLimits' | 'redis' | 'writeLimits' | 'memberEvents'
  >,
  deps: ActivityDeps,
) {
  const { schema } = await buildActivitySchema();
  const revocations = createRevocationCache(deps.redis, { logger: deps.logger });
  const viewerOf = createViewerAuth(deps.verifier, revocations.isRevoked);
  const shared = {
    users: deps.users,
    nextId: createIdSource(),
    outbox: deps.outbox ?? createOutboxSignal(),
    limits: createWriteLimits(
      createRateLimiter(deps.redis, config.redis.keyPrefix),
      config.writeLimits,
    ),
  };
  const relay = deps.relay;
  const memberEvents =
    deps.kafka &&
    createMemberEventsConsumer({
      kafka: deps.kafka,
      em: deps.orm.em,
      logger: deps.logger,
      outbox: shared.outbox,
      users: deps.users,
      settings: config.memberEvents,
    });
  const service = await createGraphQLService<ActivityContext>({
    name: 'activity',
    schema,
    logger: deps.logger,
    // No introspection or IDE, masked errors.
    production: config.production,
    gatewaySecret: config.gatewaySecret,
    queryLimits: config.queryLimits,
    registry: deps.registry,
    readiness: {
      mysql: async () => void (await sqlOf(deps.orm.em.fork()).all('select 1')),
      ...(relay && {
        'outbox-relay': async () => {
          if (!relay.ready()) throw new Error(`relay is ${relay.state()}`);
        },
      }),
      ...(memberEvents && {
        'member-events': async () => {
          if (!memberEvents.ready()) throw new Error(`consumer is ${memberEvents.state()}`);
        },
      }),
    },
    context: async ({ req }) =>
      createContext(shared, {
        em: deps.orm.em.fork(),
        viewer: await viewerOf(req),
        log: req.log,
        requestId: req.id,
      }),
  });
  // Not awaited: a broker that is down at boot delays deletions, never the subgraph.
  memberEvents
    ?.start()
    .catch((error: unknown) =>
      deps.logger.error({ err: error }, 'member events consumer did not start'),
    );
  return {
    ...service,
    memberEvents,
    stop: async () => {
      await service.stop();
      await memberEvents?.stop();
      await revocations.close();
    },
  };
}
