import { buildFederatedSchema } from '@social/kit';
import { UserFieldsResolver } from './user/user.resolver';
import { userReference } from './user/user.reference';
import { UserRef } from './user/user.type';

export function buildActivitySchema() {
  return buildFederatedSchema({ resolvers: [UserFieldsResolver], orphanedTypes: [UserRef] }, { ...userReference });
}
