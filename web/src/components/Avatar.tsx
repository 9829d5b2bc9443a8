import type { UserSummary } from '../graphql/types';

export function Avatar({
  user,
  size = 40,
}: {
  user: Pick<UserSummary, 'avatarUrl' | 'displayName'>;
  size?: number;
}) {
  return (
    <img
      className="avatar"
      src={user.avatarUrl}
      alt=""
      width={size}
      height={size}
      loading="lazy"
      referrerPolicy="no-referrer"
    />
  );
}
