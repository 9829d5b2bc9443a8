import { silentLogger } from '@social/testkit';
import { createSweeper } from '../src/maintenance/sweeper';
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

  it('sweeps once per period, however many instances tick', async () => {
    const intervalMs = 600_000;
    // Three instances' sweepers: the same database, Redis and key prefix, each its own timer.
    const instances = [1, 2, 3].map(() =>
      createSweeper({
        orm: h.orm.orm,
        redis: h.redis,
        redisPrefix: h.config.redis.keyPrefix,
        clock: h.clock,
        logger: silentLogger,
        intervalMs,
      }),
    );
    await signUpAndLogin(h);
    h.clock.advance(1_209_600 + 24 * 3600 + 1);
    // Each period, each instance's timer fires at its own moment, one after the other (a lock
    // held only while sweeping would let each of them sweep), and once more the next period.
    const periods = [];
    h.clock.advance((intervalMs - (h.clock() % intervalMs)) / 1000);
    for (let period = 0; period < 3; period += 1) {
      const results = [];
      for (const sweeper of instances) {
        h.clock.advance(intervalMs / 4000);
        results.push(await sweeper.tick());
      }
      periods.push(results.filter((result) => result !== null));
      h.clock.advance(intervalMs / 4000);
    }
    expect(periods).toEqual([
      [{ sessions: 1, tokens: 0 }],
      [{ sessions: 0, tokens: 0 }],
      [{ sessions: 0, tokens: 0 }],
    ]);
  });
});
