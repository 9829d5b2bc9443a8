import { createEvent, eventKey, parseEvent, serializeEvent } from '../src';

const alice = '0190c5a0-0000-7000-8000-00000000000a';
const bob = '0190c5a0-0000-7000-8000-00000000000b';
const post = '0190c5a0-0000-7000-8000-0000000000f1';

describe('the activity event contract', () => {
  it('round-trips an event through the wire format', () => {
    const event = createEvent('post.created', alice, {
      postId: post,
      authorId: alice,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    expect(parseEvent(serializeEvent(event))).toEqual({ ok: true, event });
    expect(event.version).toBe(1);
  });

  it('keys events by the member they are about, so their order is kept', () => {
    const created = createEvent('post.created', alice, {
      postId: post,
      authorId: alice,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    const followed = createEvent('follow.created', bob, { followerId: bob, followeeId: alice });
    const liked = createEvent('like.created', bob, {
      postId: post,
      postAuthorId: alice,
      likerId: bob,
    });
    expect([created, followed, liked].map(eventKey)).toEqual([alice, alice, alice]);
  });

  it.each([
    ['not JSON', '{', /not JSON/],
    [
      'an unknown type',
      JSON.stringify({
        id: post,
        type: 'post.exploded',
        version: 1,
        occurredAt: '2026-01-01T00:00:00.000Z',
        actorId: alice,
        payload: {},
      }),
      /unknown event type "post.exploded"/,
    ],
    [
      'a future version',
      JSON.stringify({
        id: post,
        type: 'post.deleted',
        version: 2,
        occurredAt: '2026-01-01T00:00:00.000Z',
        actorId: alice,
        payload: { postId: post, authorId: alice },
      }),
      /unsupported version 2/,
    ],
    [
      'a bad payload',
      JSON.stringify({
        id: post,
        type: 'post.deleted',
        version: 1,
        occurredAt: '2026-01-01T00:00:00.000Z',
        actorId: alice,
        payload: { postId: 'x' },
      }),
      /bad post.deleted payload/,
    ],
    [
      'a missing envelope field',
      JSON.stringify({ type: 'post.deleted', version: 1 }),
      /bad envelope/,
    ],
  ])('rejects %s with a reason instead of throwing', (_label, raw, reason) => {
    const result = parseEvent(raw);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });

  it('refuses to create an event with an invalid payload', () => {
    expect(() =>
      createEvent('follow.created', bob, { followerId: bob, followeeId: 'nope' }),
    ).toThrow(/followeeId/);
  });
});
