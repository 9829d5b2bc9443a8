import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { restartablePort, uniqueName, waitFor } from '@social/testkit';
import { UNPUBLISHED } from '@social/kit/outbox';
import { startSecondBroker, type SecondBroker } from './broker';
import { readOutbox, startActivity, type ActivityHarness } from './harness';
import { collect, createTestTopic, idsByKey } from './kafka';

// A JVM broker starts in seconds, and kafkajs reconnects with its own backoff.
jest.setTimeout(240_000);

describe('activity: the outbox through a Kafka outage', () => {
  let dataDir: string;
  let broker: SecondBroker;
  let h: ActivityHarness;
  let topic: string;
  // Below the ephemeral range: the broker is stopped and started again on the same ports, and
  // an outbound connection must not take one of them in between.
  let ports: { port: number; controllerPort: number };

  beforeAll(async () => {
    const port = await restartablePort();
    let controllerPort = await restartablePort();
    while (controllerPort === port) controllerPort = await restartablePort();
    ports = { port, controllerPort };
    dataDir = await mkdtemp(path.join(tmpdir(), uniqueName('activity-kafka')));
    broker = await startSecondBroker({ dataDir, ...ports });
    topic = await createTestTopic(broker.brokers);
    h = await startActivity({ relay: { brokers: broker.brokers, topic } });
  });

  afterAll(async () => {
    await h?.close();
    await broker?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const unpublished = async () =>
    Number(
      (
        await h.db.orm.em
          .fork()
          .getConnection()
          .execute(`select count(*) as n from outbox where ${UNPUBLISHED}`)
      )[0]?.n,
    );

  async function someActivity(users: string[], round: string) {
    for (const [i, author] of users.entries()) {
      const post = (
        await h.data(
          'mutation($b: String!) { createPost(body: $b) { id } }',
          { b: `${round} ${i}` },
          author,
        )
      ).createPost.id;
      const fan = users[(i + 1) % users.length];
      await h.data('mutation($id: ID!) { likePost(postId: $id) { id } }', { id: post }, fan);
      await h.data('mutation($id: ID!) { follow(userId: $id) { id } }', { id: author }, fan);
      await h.data(
        'mutation($id: ID!) { addComment(postId: $id, body: "!") { id } }',
        { id: post },
        fan,
      );
      await h.data(
        'mutation($id: ID!, $b: String!) { editPost(id: $id, body: $b) { id } }',
        { id: post, b: `${round} edited` },
        author,
      );
    }
  }

  it('keeps accepting writes while the broker is down, then delivers every event in order per key, none twice', async () => {
    const users = await h.createUsers(4);
    await someActivity(users, 'before');
    await waitFor('the first events published', async () => (await unpublished()) === 0, {
      timeoutMs: 60_000,
    });

    const publishedBefore = (await readOutbox(h.db)).length;
    await broker.stop();
    await someActivity(users, 'during');
    await waitFor(
      'the relay to notice the outage',
      () => h.relay?.state() === 'kafka-unavailable',
      { timeoutMs: 60_000 },
    );
    // The repeated follows change nothing, so they wrote no events: 4 × (post, like, comment, edit).
    expect(await unpublished()).toBe(16);
    const ready = await fetch(new URL('/readyz', h.opsUrl));
    expect(ready.status).toBe(200);

    broker = await startSecondBroker({ dataDir, ...ports });
    await waitFor('the backlog drained', async () => (await unpublished()) === 0, {
      timeoutMs: 120_000,
    });
    const written = await readOutbox(h.db);
    expect(written).toHaveLength(publishedBefore + 16);

    const consumer = await collect(broker.brokers, topic);
    try {
      const received = await consumer.atLeast(written.length, 60_000);
      const ids = received.map((message) => message.event.id);
      expect(ids).toHaveLength(new Set(ids).size);
      expect(new Set(ids)).toEqual(new Set(written.map((event) => event.id)));
      expect(idsByKey(received)).toEqual(
        idsByKey(written.map((event) => ({ key: event.key, event }))),
      );
    } finally {
      await consumer.stop();
    }
  });
});
