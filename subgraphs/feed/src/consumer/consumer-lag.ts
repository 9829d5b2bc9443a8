import type { Logger } from '@social/kit';
import type { Kafka } from '@social/kit/kafka';
import { Gauge, type Registry } from 'prom-client';

export interface LagMonitorDeps {
  kafka: Kafka;
  topic: string;
  groupId: string;
  registry: Registry;
  logger: Logger;
  intervalMs: number;
}

/**
 * Consumer lag per partition (high watermark minus the group's committed offset), refreshed on
 * a timer rather than on scrape so a slow broker never stalls /metrics.
 */
export function createLagMonitor(deps: LagMonitorDeps) {
  const gauge = new Gauge({
    name: 'feed_consumer_lag',
    help: 'Messages of the activity topic not yet committed by the feed consumer group',
    labelNames: ['topic', 'partition'],
    registers: [deps.registry],
  });
  const admin = deps.kafka.admin();
  let timer: NodeJS.Timeout | undefined;

  async function refresh(): Promise<Map<number, number>> {
    const [ends, committed] = await Promise.all([
      admin.fetchTopicOffsets(deps.topic),
      admin.fetchOffsets({ groupId: deps.groupId, topics: [deps.topic] }),
    ]);
    const done = new Map(
      (committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]),
    );
    const lag = new Map<number, number>();
    for (const end of ends) {
      // -1 means the group has committed nothing there yet: it is behind by everything retained.
      const from = done.get(end.partition) ?? -1;
      const value = Number(end.high) - (from < 0 ? Number(end.low) : from);
      lag.set(end.partition, value);
      gauge.set({ topic: deps.topic, partition: String(end.partition) }, value);
    }
    return lag;
  }

  return {
    refresh,
    async start(): Promise<void> {
      await admin.connect();
      await refresh();
      timer = setInterval(() => {
        refresh().catch((error: unknown) =>
          deps.logger.warn({ err: error }, 'consumer lag refresh failed'),
        );
      }, deps.intervalMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      clearInterval(timer);
      await admin.disconnect();
    },
  };
}
