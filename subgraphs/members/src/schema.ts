import { buildFederatedSchema } from '@social/kit';
import { AccountResolver } from './account/account.resolver';
import { SessionResolver } from './auth/session.resolver';
import { PasswordResolver } from './password/password.resolver';
import { ProfileResolver } from './user/profile.resolver';
import { UserResolver } from './user/user.resolver';
import { userReference } from './user/user.reference';

/** No arguments: scripts/compose.mjs calls it to print the SDL. */
export function buildMembersSchema() {
  return buildFederatedSchema(
    {
      resolvers: [
        UserResolver,
        ProfileResolver,
        AccountResolver,
        SessionResolver,
        PasswordResolver,
      ],
    },
    { ...userReference },
  );
}
