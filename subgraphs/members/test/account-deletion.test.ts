import { parseEvent } from '@social/events';
import { signUpAndLogin } from './harness';
import { ME, bearer, data, failure, graphql, refreshCookie, REFRESH } from './helpers';
import { useMembers } from './use-members';

const DELETE = 'mutation($password: String!) { deleteAccount(password: $password) }';
const BY_HANDLE = 'query($handle: String!) { user(handle: $handle) { id handle } }';

describe('members: deleteAccount', () => {
  const h = useMembers();

  const outbox = async () =>
    (
      await h.orm.orm.em
        .fork()
        .getConnection()
        .execute<
          Array<{ topic: string; key: string; payload: string }>
        >('select topic, `key`, payload from outbox order by id')
    ).map((row) => ({ ...row, event: parseEvent(row.payload) }));

  it('needs the right password: a wrong one deletes nothing and writes no event', async () => {
    const member = await signUpAndLogin(h);
    const error = await failure(h, {
      query: DELETE,
      variables: { password: 'not my password at all' },
      headers: bearer(member.accessToken),
    });
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'password', message: 'is incorrect' }],
    });
    expect((await data(h, { query: ME, headers: bearer(member.accessToken) })).me.user.id).toBe(
      member.userId,
    );
    expect(await outbox()).toEqual([]);
  });

  it('is refused without a token', async () => {
    const error = await failure(h, { query: DELETE, variables: { password: 'whatever it is' } });
    expect(error.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('ends every session at once, removes the account, and writes member.deleted to the outbox', async () => {
    const member = await signUpAndLogin(h);
    const second = await signUpAndLogin(h, { handle: `${member.handle}x` });
    const response = await graphql(h.url, {
      query: DELETE,
      variables: { password: member.password },
      headers: bearer(member.accessToken),
    });
    expect(response.body.data).toEqual({ deleteAccount: true });
    // The browser's refresh cookie is cleared like on logout.
    expect(refreshCookie(response)?.value ?? '').toBe('');

    const refused = await failure(h, { query: ME, headers: bearer(member.accessToken) });
    expect(refused.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' });
    const refresh = await failure(h, {
      query: REFRESH,
      variables: { token: member.refreshToken },
    });
    expect(refresh.extensions?.code).toBe('UNAUTHENTICATED');
    expect(
      (await data(h, { query: BY_HANDLE, variables: { handle: member.handle } })).user,
    ).toBeNull();
    const [row] = await h.orm.orm.em
      .getConnection()
      .execute<
        Array<{ n: string }>
      >('select (select count(*) from users where id = ?) + (select count(*) from sessions where user_id = ?) + (select count(*) from one_time_tokens where user_id = ?) + (select count(*) from user_name_words where user_id = ?) as n', [member.userId, member.userId, member.userId, member.userId]);
    expect(Number(row?.n)).toBe(0);

    const rows = await outbox();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ topic: 'member-events.v1', key: member.userId });
    expect(rows[0]?.event).toMatchObject({
      ok: true,
      event: {
        type: 'member.deleted',
        actorId: member.userId,
        payload: { memberId: member.userId },
      },
    });
    // Nobody else is touched.
    expect((await data(h, { query: ME, headers: bearer(second.accessToken) })).me.user.id).toBe(
      second.userId,
    );
  });

  it('frees the handle and the email for a new sign-up', async () => {
    const member = await signUpAndLogin(h);
    await data(h, {
      query: DELETE,
      variables: { password: member.password },
      headers: bearer(member.accessToken),
    });
    const again = await signUpAndLogin(h, { handle: member.handle, email: member.email });
    expect(again.userId).not.toBe(member.userId);
    expect(
      (await data(h, { query: BY_HANDLE, variables: { handle: member.handle } })).user.id,
    ).toBe(again.userId);
  });
});
