import { connectionTypes } from '@social/kit';
import { Directive } from 'type-graphql';
import { User } from '../user/user.entity';

/**
 * Activity's followers/following return `UserConnection` too. Federation merges one type
 * resolved by two subgraphs only when every definition is identical and @shareable, so these
 * are the kit's pair for `User` (the same fields) marked shareable here.
 */
export const { Edge: UserEdge, Connection: UserConnection } = connectionTypes(() => User, 'User');
export type UserConnection = InstanceType<typeof UserConnection>;
Directive('@shareable')(UserEdge);
Directive('@shareable')(UserConnection);
