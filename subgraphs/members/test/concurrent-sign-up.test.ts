import { SIGN_UP, graphql } from './helpers';
import { useMembers } from './use-members';

describe('members: sign-ups at the same moment', () => {
  const h = useMembers();

  it('all succeed when their display names share a word (no deadlock on the search words)', async () => {
    // Pairs: members hashes two passwords at once, so each pair's transactions overlap.
    const failures: unknown[] = [];
    for (let round = 0; round < 30; round += 1) {
      const responses = await Promise.all(
        [0, 1].map((i) =>
          graphql(h.url, {
            query: SIGN_UP,
            variables: {
              input: {
                email: `together${round}x${i}@example.test`,
                password: 'correct horse battery staple',
                handle: `together${round}x${i}`,
                displayName: `Member Together ${round}x${i}`,
              },
            },
          }),
        ),
      );
      for (const response of responses)
        if (response.body.errors) failures.push(response.body.errors[0]?.extensions);
    }
    expect(failures).toEqual([]);
    const [{ n }] = await h.orm.orm.em
      .getConnection()
      .execute("select count(*) as n from user_name_words where word = 'together'");
    expect(Number(n)).toBe(60);
  });
});
