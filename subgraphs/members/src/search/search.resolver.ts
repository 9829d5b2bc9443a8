import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { MembersContext } from '../context';
import { searchUsers } from './search.service';
import { UserConnection } from './user-connection.type';

@Resolver()
export class SearchResolver {
  @Query(() => UserConnection, {
    description:
      'Members by handle prefix or a display-name word starting with the query (case and accents ignored): exact handle first, then handle prefixes, then names',
  })
  searchUsers(
    @Ctx() ctx: MembersContext,
    @Arg('query', () => String) query: string,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<UserConnection> {
    return searchUsers(ctx.deps, { query, first, after, address: ctx.address });
  }
}
