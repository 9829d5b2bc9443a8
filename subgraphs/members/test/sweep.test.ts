import { signUpAndLogin } from './harness';
import { REFRESH, data, failure } from './helpers';
import { useMembers } from './use-members';

describe('members: sweeping expired sessions and tokens', () => {
  const h = useMembers();

  const count = async (table: string) =>
    Number((await h.orm.orm.em.getConnection().execute(`select count(*) as n from ${table}`))[0].n);

  it('deletes expired sessions with their ancestors and expired tokens, and keeps live ones', async () => {
    const old = await signUpAndLogin(h);
    await data(h, { query: REFRESH, variables: { token: old.refreshToken } });
    await data(h, {
      query: 'mutation($e: String!) { requestPasswordReset(email: $e) }',
      variables: { e: old.email },
    });
    await h.settle();
    h.clock.advance(1_209_600 + 24 * 3600 + 1);
    const fresh = await signUpAndLogin(h);
    expect(await count('sessions')).toBe(2);
    expect(await count('refresh_token_ancestors')).toBe(1);
    expect(await count('one_time_tokens')).toBe(1);
    expect(await h.server.sweep()).toEqual({ sessions: 1, tokens: 1 });
    expect(await count('sessions')).toBe(1);
    expect(await count('refresh_token_ancestors')).toBe(0);
    expect(await count('one_time_tokens')).toBe(0);
    await data(h, { query: REFRESH, variables: { token: fresh.refreshToken } });
    expect(await h.server.sweep()).toEqual({ sessions: 0, tokens: 0 });
  });

  it('keeps an expired session for a day so its client hears REFRESH_TOKEN_EXPIRED', async () => {
    const member = await signUpAndLogin(h);
    h.clock.advance(1_209_600 + 60);
    await h.server.sweep();
    const error = await failure(h, { query: REFRESH, variables: { token: member.refreshToken } });
    expect(error.extensions?.reason).toBe('REFRESH_TOKEN_EXPIRED');
  });

  it('lets only one of several concurrent sweepers work at a time', async () => {
    const results = await Promise.all([h.server.sweep(), h.server.sweep(), h.server.sweep()]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await h.server.sweep()).toEqual({ sessions: 0, tokens: 0 });
  });
});
