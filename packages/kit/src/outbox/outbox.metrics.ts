import type { MikroORM } from '@mikro-orm/mysql';
import { Counter, Gauge, type Registry } from 'prom-client';
import { sqlOf } from '../sql';
import { UNPUBLISHED } from './outbox.writer';

export interface RelayMetrics {
  published(count: number): void;
  leader(isLeader: boolean): void;
}

/**
 * The backlog is counted at scrape time from the shared table, so every instance (leader or
 * standby) reports the same truth.
 */
export function createRelayMetrics(
  service: string,
  registry: Registry | undefined,
  orm: MikroORM,
): RelayMetrics {
  if (!registry) return { published: () => undefined, leader: () => undefined };
  const published = new Counter({
    name: `${service}_outbox_published_total`,
    help: 'Outbox events this instance published to Kafka',
    registers: [registry],
  });
  const leader = new Gauge({
    name: `${service}_outbox_relay_leader`,
    help: '1 while this instance holds the relay lock',
    registers: [registry],
  });
  new Gauge({
    name: `${service}_outbox_backlog`,
    help: 'Outbox events not yet published',
    registers: [registry],
    async collect() {
      const [row] = await sqlOf(orm.em.fork()).all<{ n: number | string }>(
        `select count(*) as n from outbox where ${UNPUBLISHED}`,
      );
      this.set(Number(row?.n ?? 0));
    },
  });
  return {
    published: (count) => published.inc(count),
    leader: (isLeader) => leader.set(isLeader ? 1 : 0),
  };
}
