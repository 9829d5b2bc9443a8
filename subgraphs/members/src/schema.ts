import { buildFederatedSchema } from '@social/kit/federation';
// Resolver classes register their fields as they are defined, so this import order is the
// order of the Mutation fields in the SDL (the contract): keep it.
import { AccountResolver } from './account/account.resolver';
import { SessionResolver } from './session/session.resolver';
import { PasswordResolver } from './password/password.resolver';
import { SearchResolver } from './search/search.resolver';
import { ProfileResolver } from './profile/profile.resolver';
import { UserResolver } from './user/user.resolver';
import { UserFieldsResolver } from './user/user.fields.resolver';
import { userReference } from './user/user.reference';

/** No arguments: scripts/compose.mjs calls it to print the SDL. */
export function buildMembersSchema() {
  return buildFederatedSchema(
    {
      resolvers: [
        UserResolver,
        UserFieldsResolver,
        ProfileResolver,
        AccountResolver,
        SessionResolver,
        PasswordResolver,
        SearchResolver,
      ],
    },
    { ...userReference },
  );
}
