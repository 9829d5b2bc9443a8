import { createKafka } from '@social/kit/kafka';
import { sqlOf } from '@social/kit/orm';
import { UNPUBLISHED } from '@social/kit/outbox';
import {
  groupLag,
  silentLogger,
  TEST_KAFKA_BROKERS,
  uniqueName,
  waitFor,
  withAdmin,
} from '@social/testkit';
import type { Registry } from 'prom-client';
import type { Instances } from './instances';

/** What the outbox → Kafka → feed pipeline of a run holds, read from outside the services. */
export function pipelineOf(many: Instances) {
  const kafka = createKafka({
    clientId: uniqueName('many-check'),
    brokers: TEST_KAFKA_BROKERS,
    logger: silentLogger,
  });
  const activitySql = () => sqlOf(many.db.activity.orm.em.fork());

  /** Messages on the topic: the sum of every partition's end offset (nothing is compacted). */
  const onTopic = () =>
    withAdmin(kafka, async (admin) =>
      (await admin.fetchTopicOffsets(many.topic)).reduce((sum, p) => sum + Number(p.high), 0),
    );

  const pipeline = {
    /** Outbox rows no relay has published yet. */
    async backlog(): Promise<number> {
      const [row] = await activitySql().all<{ n: number | string }>(
        `select count(*) as n from outbox where ${UNPUBLISHED}`,
      );
      return Number(row?.n ?? 0);
    },

    /** Every event id the outbox ever held, in outbox order. */
    async outboxEventIds(): Promise<string[]> {
      const rows = await activitySql().all<{ event_id: string }>(
        'select event_id from outbox order by id',
      );
      return rows.map((row) => row.event_id);
    },

    /** Messages of the topic the feed's group has not committed yet, over all partitions. */
    lag: () => groupLag(kafka, many.topic, many.groupId),

    /** Every outbox row published, then every published event applied and committed. */
    async settle(): Promise<void> {
      await waitFor(
        'the relay to publish every outbox row',
        async () => (await pipeline.backlog()) === 0,
      );
      await waitFor(
        'the feed group to commit every event',
        async () => (await pipeline.lag()) === 0,
      );
    },

    /** The event id of every message on the topic, in partition then offset order, repeats kept. */
    async topicEventIds(): Promise<string[]> {
      const total = await onTopic();
      const received: Array<{ partition: number; offset: number; id: string }> = [];
      const reader = kafka.consumer({ groupId: uniqueName('many-reader') });
      await reader.connect();
      await reader.subscribe({ topic: many.topic, fromBeginning: true });
      await reader.run({
        eachMessage: async ({ partition, message }) => {
          const { id } = JSON.parse(message.value?.toString() ?? '{}') as { id: string };
          received.push({ partition, offset: Number(message.offset), id });
        },
      });
      try {
        await waitFor(`all ${total} messages of the topic`, () => received.length >= total, {
          timeoutMs: 60_000,
        });
      } finally {
        await reader.disconnect();
      }
      received.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
      return received.map((message) => message.id);
    },
  };
  return pipeline;
}

/** A counter's or gauge's value in a registry, summed over the label sets that match. */
export async function metricValue(
  registry: Registry,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const metric = await registry.getSingleMetric(name)?.get();
  return (metric?.values ?? [])
    .filter((value) => Object.entries(labels).every(([k, v]) => value.labels[k] === v))
    .reduce((sum, value) => sum + value.value, 0);
}

/** A metric as Prometheus scrapes it from an operations server's /metrics. */
export async function scraped(opsUrl: string, name: string): Promise<number | undefined> {
  const text = await (await fetch(`${opsUrl}/metrics`)).text();
  const line = text.split('\n').find((each) => each.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}
