import type { EntityManager } from '@mikro-orm/mysql';
import type { Viewer } from '@social/kit';
import { replaceNameWords } from '../search/name-words';
import { unauthenticated } from '../shared/request-auth';
import {
  FieldProblems,
  checkAvatarUrl,
  checkDisplayName,
  checkGreeting,
} from '../shared/validation';
import type { User } from '../user/user.entity';
import { findUserById } from '../user/user.repository';
import type { UpdateProfileInput } from './update-profile.input';

/** Every problem of the input at once, then the change (and the name's words) in one transaction. */
export async function updateProfile(
  deps: { em: EntityManager },
  input: { viewer: Viewer; changes: UpdateProfileInput },
): Promise<User> {
  const changes = profileChanges(input.changes);
  return deps.em.transactional(async (tx) => {
    const user = await findUserById(tx, input.viewer.userId);
    if (!user) throw unauthenticated('TOKEN_INVALID');
    const previousName = user.displayName;
    Object.assign(user, changes);
    await tx.flush();
    // The search index of names changes with the name, in the same transaction.
    if (changes.displayName !== undefined)
      await replaceNameWords(tx, user.id, user.displayName, previousName);
    return user;
  });
}

/** Omitted fields stay; displayName and greeting cannot be null, avatarUrl null means the default. */
function profileChanges(input: UpdateProfileInput): Partial<User> {
  const problems = new FieldProblems();
  const changes: Partial<User> = {};
  if (input.displayName === null) problems.add('displayName', 'must not be null');
  else if (input.displayName !== undefined)
    changes.displayName = checkDisplayName(problems, 'displayName', input.displayName);
  if (input.greeting === null) problems.add('greeting', 'must not be null; use "" for no greeting');
  else if (input.greeting !== undefined)
    changes.greeting = checkGreeting(problems, 'greeting', input.greeting);
  if (input.avatarUrl === null) changes.customAvatarUrl = null;
  else if (input.avatarUrl !== undefined)
    changes.customAvatarUrl = checkAvatarUrl(problems, 'avatarUrl', input.avatarUrl);
  problems.throwIfAny();
  return changes;
}
