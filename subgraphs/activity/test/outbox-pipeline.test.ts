import { createEvent } from '@social/events';
import { newId } from '@social/kit';
import { UNPUBLISHED } from '@social/kit/outbox';
import { TEST_KAFKA_BROKERS, waitFor } from '@social/testkit';
import { writeEvent } from '../src/outbox/outbox.writer';
import { sqlOf } from '@social/kit/orm';
import { readOutbox, startActivity, type ActivityHarness } from './harness';
import { collect, createTestTopic, idsByKey, startRelay } from './kafka';

jest.setTimeout(60_000);

const brokers = TEST_KAFKA_BROKERS;

describe('activity: the relay overlaps reads and marks with produce', () => {
  let h: ActivityHarness;
  let topic: string;

  beforeAll(async () => {
    topic = await createTestTopic(brokers);
    h = await startActivity();
  });
  afterAll(() => h.close());

  it('drains a backlog of many small batches: every event once, in id order per key, every row marked', async () => {
    const authors = [newId(), newId(), newId()];
    for (let i = 0; i < 31; i += 1) {
      const author = authors[i % authors.length];
      await h.db.orm.em.fork().transactional((tx) =>
        writeEvent(
          sqlOf(tx),
          createEvent('post.created', author, {
            postId: newId(),
            authorId: author,
            createdAt: new Date().toISOString(),
          }),
        ),
      );
    }
    const written = await readOutbox(h.db);
    const consumer = await collect(brokers, topic);
    const relay = startRelay(h.db, { brokers, topic, batchSize: 4 });
    try {
      const received = await consumer.atLeast(written.length);
      await waitFor('every row marked published', async () => {
        const [row] = await h.db.orm.em
          .fork()
          .getConnection()
          .execute(`select count(*) as n from outbox where ${UNPUBLISHED}`);
        return Number(row?.n) === 0;
      });
      expect(received.map((m) => m.event.id)).toHaveLength(31);
      expect(new Set(received.map((m) => m.event.id))).toEqual(new Set(written.map((e) => e.id)));
      expect(idsByKey(received)).toEqual(
        idsByKey(written.map((event) => ({ key: event.key, event }))),
      );
    } finally {
      await relay.stop();
      await consumer.stop();
    }
  });
});
