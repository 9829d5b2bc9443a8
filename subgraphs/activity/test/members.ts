import { signUpAndLogin, startMembers } from '../../members/test/harness';

/**
 * The real members subgraph in-process (its own test harness: throwaway database, Redis,
 * SMTP inbox, fresh signing key). Members are made the way a person would: sign-up, the
 * mailed link, login; activity then verifies their real tokens through members' JWKS.
 */
export async function startRealMembers() {
  const harness = await startMembers();
  const tokens = new Map<string, string>();
  return {
    url: harness.url,
    jwksUrl: `${harness.baseUrl}/.well-known/jwks.json`,
    async createUsers(count: number): Promise<string[]> {
      const members = await Promise.all(
        Array.from({ length: count }, () => signUpAndLogin(harness)),
      );
      for (const member of members) tokens.set(member.userId, member.accessToken);
      return members.map((member) => member.userId);
    },
    tokenFor: (userId: string) => tokens.get(userId),
    reset: () => harness.truncate(),
    close: () => harness.stop(),
  };
}

export type RealMembers = Awaited<ReturnType<typeof startRealMembers>>;
