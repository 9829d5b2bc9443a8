import { signUpAndLogin } from './harness';
import { LOGIN, ME, bearer, failure } from './helpers';
import { useMembers } from './use-members';

describe('members: the error boundary', () => {
  const h = useMembers({ env: { NODE_ENV: 'production' } });

  it('answers a database failure with INTERNAL_SERVER_ERROR and no SQL, stack or path', async () => {
    const member = await signUpAndLogin(h);
    jest
      .spyOn(h.server.members.sessions, 'start')
      .mockRejectedValueOnce(
        Object.assign(
          new Error("insert into `sessions` (`id`) values ('x') - Table 'sessions' doesn't exist"),
          { sqlState: '42S02' },
        ),
      );
    const error = await failure(h, {
      query: LOGIN,
      variables: { email: member.email, password: member.password },
    });
    expect(error.message).toBe('Internal server error');
    expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('answers a Redis failure during authentication without internals', async () => {
    const member = await signUpAndLogin(h);
    jest
      .spyOn(h.redis, 'exists')
      .mockRejectedValueOnce(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    const error = await failure(h, { query: ME, headers: bearer(member.accessToken) });
    expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('keeps coded errors intact in production mode', async () => {
    const error = await failure(h, { query: ME });
    expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_MISSING' });
  });
});
