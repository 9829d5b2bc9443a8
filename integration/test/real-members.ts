import { signUpAndLogin, startMembers } from '../../subgraphs/members/test/harness';

/**
 * The real members subgraph in-process (its own test harness: throwaway database, Redis,
 * SMTP inbox, fresh signing key). Members are made the way a person would: sign-up, the
 * mailed link, login.
 */
export async function startRealMembers() {
  const harness = await startMembers();
  return {
    url: harness.url,
    async createUsers(count: number): Promise<string[]> {
      const members = await Promise.all(
        Array.from({ length: count }, () => signUpAndLogin(harness)),
      );
      return members.map((member) => member.userId);
    },
    close: () => harness.stop(),
  };
}

export type RealMembers = Awaited<ReturnType<typeof startRealMembers>>;
