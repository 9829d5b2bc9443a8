import {
  Kind,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** The auth mutations that must work with a stale or broken token attached (the refresh flow). */
const PUBLIC_MUTATIONS = new Set([
  'signUp',
  'verifyEmail',
  'resendVerificationEmail',
  'login',
  'refreshToken',
  'logout',
  'requestPasswordReset',
  'resetPassword',
  // The mailed link may be opened where the member is not logged in, like verifyEmail's.
  'confirmEmailChange',
]);

/** Profiles, posts and the member search may be read anonymously; viewer fields are then false. */
const ANONYMOUS_QUERIES = new Set([
  'user',
  'post',
  'searchUsers',
  '__typename',
  '__schema',
  '__type',
]);

export type Access = 'public' | 'anonymous' | 'authenticated';

/** What an operation needs, from its root fields (fragments at the root included). */
export function requiredAccess(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
): Access {
  const fields = rootFields(operation.selectionSet, fragments, new Set());
  if (operation.operation === 'mutation') {
    return fields.every((name) => PUBLIC_MUTATIONS.has(name) || name === '__typename')
      ? 'public'
      : 'authenticated';
  }
  if (operation.operation === 'query') {
    return fields.every((name) => ANONYMOUS_QUERIES.has(name)) ? 'anonymous' : 'authenticated';
  }
  return 'authenticated';
}

function rootFields(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  seen: Set<string>,
): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT)
      return rootFields(selection.selectionSet, fragments, seen);
    const name = selection.name.value;
    const fragment = fragments[name];
    if (!fragment || seen.has(name)) return [];
    seen.add(name);
    return rootFields(fragment.selectionSet, fragments, seen);
  });
}
