import { buildFederatedSchema } from '@social/kit';
import { UserResolver } from './user/user.resolver';
import { userReference } from './user/user.reference';

export function buildMembersSchema() {
  return buildFederatedSchema({ resolvers: [UserResolver] }, { ...userReference });
}
