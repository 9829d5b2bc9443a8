import { createEvent } from '@social/events';
import { newId } from '@social/kit';
import { UNPUBLISHED } from '@social/kit/outbox';
import { TEST_KAFKA_BROKERS, waitFor } from '@social/testkit';
import { writeEvent } from '../src/outbox/outbox.writer';
import { sqlOf } from '@social/kit/orm';
import { countRows, readOutbox, startActivity, type ActivityHarness } from './harness';
import { collect, createTestTopic, idsByKey, startRelay } from './kafka';

// Consumer groups join and topics get leaders in seconds, not milliseconds.
jest.setTimeout(60_000);

const brokers = TEST_KAFKA_BROKERS;
const CREATE = 'mutation($body: String!) { createPost(body: $body) { id } }';

async function unpublished(h: ActivityHarness): Promise<number> {
  const [row] = await h.db.orm.em
    .fork()
    .getConnection()
    .execute(`select count(*) as n from outbox where ${UNPUBLISHED}`);
  return Number(row?.n);
}

describe('activity: the transactional outbox and its relay', () => {
  let h: ActivityHarness;
  let topic: string;

  beforeAll(async () => {
    topic = await createTestTopic(brokers);
    h = await startActivity({ relay: { brokers, topic } });
  });
  afterAll(() => h.close());

  it('writes a change and its event in one transaction: when it fails, neither is left', async () => {
    const em = h.db.orm.em.fork();
    const author = newId();
    const postId = newId();
    await expect(
      em.transactional(async (tx) => {
        await tx.execute(
          'insert into posts (id, author_id, body, created_at) values (?, ?, ?, now(3))',
          [postId, author, 'x'],
        );
        await writeEvent(
          sqlOf(tx),
          createEvent('post.created', author, {
            postId,
            authorId: author,
            createdAt: new Date().toISOString(),
          }),
        );
        throw new Error('the mutation failed after writing');
      }),
    ).rejects.toThrow('the mutation failed after writing');
    expect(
      await h.db.orm.em
        .fork()
        .getConnection()
        .execute('select id from posts where id = ?', [postId]),
    ).toEqual([]);
    expect((await readOutbox(h.db)).filter((event) => event.actorId === author)).toEqual([]);
  });

  it('publishes every event once, in commit order per key, and marks the rows published', async () => {
    const consumer = await collect(brokers, topic);
    try {
      const [alice, bob, carol] = (await h.createUsers(3)) as [string, string, string];
      const post = (await h.data(CREATE, { body: 'hi' }, alice)).createPost.id;
      await h.data('mutation($id: ID!) { likePost(postId: $id) { id } }', { id: post }, bob);
      await h.data(
        'mutation($id: ID!) { addComment(postId: $id, body: "yo") { id } }',
        { id: post },
        carol,
      );
      await Promise.all([bob, carol].map((fan) => h.data(CREATE, { body: 'mine' }, fan)));
      await h.data(
        'mutation($id: ID!) { editPost(id: $id, body: "edited") { id } }',
        { id: post },
        alice,
      );
      await h.data('mutation($id: ID!) { deletePost(id: $id) }', { id: post }, alice);
      const written = await readOutbox(h.db);
      const received = await consumer.atLeast(written.length);
      await waitFor('every row marked published', async () => (await unpublished(h)) === 0);
      expect(received.map((m) => m.event.id).sort()).toEqual(written.map((e) => e.id).sort());
      expect(idsByKey(received)).toEqual(
        idsByKey(written.map((event) => ({ key: event.key, event }))),
      );
      expect(idsByKey(received).get(alice)).toHaveLength(5);
    } finally {
      await consumer.stop();
    }
  });

  it('reports the relay in /readyz and the backlog and published count in /metrics', async () => {
    await waitFor('an empty backlog', async () => (await unpublished(h)) === 0);
    const ready = await fetch(new URL('/readyz', h.opsUrl));
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { mysql: 'ok', 'outbox-relay': 'ok' },
    });
    const metrics = await (await fetch(new URL('/metrics', h.opsUrl))).text();
    expect(metrics).toMatch(/^activity_outbox_backlog 0$/m);
    expect(metrics).toMatch(/^activity_outbox_relay_leader 1$/m);
    const published = Number(/^activity_outbox_published_total (\d+)$/m.exec(metrics)?.[1]);
    expect(published).toBe(await countRows(h.db, 'outbox'));
  });
});

describe('activity: several relays on one database', () => {
  let h: ActivityHarness;

  beforeAll(async () => {
    h = await startActivity();
  });
  afterAll(() => h.close());

  it('lets one relay lead while another stands by and takes over, publishing nothing twice', async () => {
    const topic = await createTestTopic(brokers);
    const consumer = await collect(brokers, topic);
    const first = startRelay(h.db, { brokers, topic });
    await waitFor('a leader', () => first.state() === 'leader');
    const second = startRelay(h.db, { brokers, topic });
    try {
      await waitFor('a standby', () => second.state() === 'standby');
      const authors = await h.createUsers(4);
      for (let i = 0; i < 20; i += 1) await h.data(CREATE, { body: `a${i}` }, authors[i % 4]);
      await consumer.atLeast(20);
      await first.stop();
      await waitFor('the standby to take over', () => second.state() === 'leader');
      for (let i = 0; i < 20; i += 1) await h.data(CREATE, { body: `b${i}` }, authors[i % 4]);
      const received = await consumer.atLeast(40);
      const written = await readOutbox(h.db);
      expect(received.map((m) => m.event.id)).toHaveLength(
        new Set(received.map((m) => m.event.id)).size,
      );
      expect(idsByKey(received)).toEqual(
        idsByKey(written.map((event) => ({ key: event.key, event }))),
      );
    } finally {
      await first.stop();
      await second.stop();
      await consumer.stop();
    }
  });

  it('deletes published rows older than the retention, and keeps the rest', async () => {
    await h.reset();
    const connection = h.db.orm.em.fork().getConnection();
    const row = (age: string, published: string | null) =>
      connection.execute(
        `insert into outbox (event_id, topic, \`key\`, payload, headers, created_at, published_at) values (?, 't', 'k', '{}', '{}', now(3) - interval ${age}, ${published})`,
        [newId()],
      );
    await row('2 day', 'now(3) - interval 2 day');
    await row('2 day', 'now(3) - interval 2 day');
    await row('1 minute', 'now(3) - interval 1 minute');
    const topic = await createTestTopic(brokers);
    const relay = startRelay(h.db, { brokers, topic, retentionMs: 3_600_000 });
    try {
      await waitFor('old rows deleted', async () => (await countRows(h.db, 'outbox')) === 1);
    } finally {
      await relay.stop();
    }
  });
});
