import { NetworkStatus } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router-dom';
import { useSession } from '../auth/use-session';
import { Alert } from '../components/Alert';
import { Avatar } from '../components/Avatar';
import { EmptyState, Loading } from '../components/Loading';
import { PostList } from '../components/posts/PostList';
import { describeError } from '../graphql/errors';
import type { Profile } from '../graphql/types';
import { FOLLOW, PROFILE, UNFOLLOW } from '../graphql/users';
import { usePageTitle } from '../hooks/use-page-title';
import { useSubmit } from '../hooks/use-submit';

const PAGE = 10;

export function ProfilePage() {
  const { handle = '' } = useParams();
  usePageTitle(`@${handle}`);
  const { data, error, networkStatus, fetchMore } = useQuery(PROFILE, {
    variables: { handle, first: PAGE },
    fetchPolicy: 'cache-and-network',
  });
  const user = data?.user;

  if (error && !user) return <Alert kind="error">{describeError(error).message}</Alert>;
  if (!data) return <Loading label="Loading profile…" />;
  if (!user) {
    return (
      <EmptyState title="No such person">
        <p>Nobody here goes by @{handle}.</p>
      </EmptyState>
    );
  }
  const posts = user.posts.edges.map((edge) => edge.node);
  return (
    <>
      <ProfileHeader user={user} />
      <h2>Posts</h2>
      {posts.length === 0 && <EmptyState title={`${user.displayName} has not posted yet`} />}
      <PostList
        label={`Posts by ${user.displayName}`}
        posts={posts}
        hasMore={user.posts.pageInfo.hasNextPage}
        loadingMore={networkStatus === NetworkStatus.fetchMore}
        onLoadMore={() => void fetchMore({ variables: { after: user.posts.pageInfo.endCursor } })}
      />
    </>
  );
}

function ProfileHeader({ user }: { user: Profile }) {
  const { viewer } = useSession();
  const own = viewer?.id === user.id;
  return (
    <section className="card profile" aria-labelledby="profile-name">
      <Avatar user={user} size={96} />
      <div className="profile__text">
        <h1 id="profile-name">{user.displayName}</h1>
        <p className="muted">@{user.handle}</p>
        {user.greeting && <p className="profile__greeting">{user.greeting}</p>}
        <p className="profile__counts">
          <span>
            <strong data-testid="follower-count">{user.followerCount}</strong> followers
          </span>
          <span>
            <strong>{user.followingCount}</strong> following
          </span>
        </p>
        {own && (
          <Link className="button" to="/settings/profile">
            Edit profile
          </Link>
        )}
        {viewer && !own && <FollowButton user={user} />}
      </div>
    </section>
  );
}

function FollowButton({ user }: { user: Profile }) {
  const [follow] = useMutation(FOLLOW);
  const [unfollow] = useMutation(UNFOLLOW);
  const { error, pending, submit } = useSubmit();
  const variables = { userId: user.id };
  const toggle = () =>
    submit<unknown>(() => (user.viewerFollows ? unfollow({ variables }) : follow({ variables })));
  return (
    <div>
      <button
        type="button"
        className={`button ${user.viewerFollows ? '' : 'button--primary'}`}
        aria-pressed={user.viewerFollows}
        onClick={toggle}
        disabled={pending}
      >
        {user.viewerFollows ? 'Unfollow' : 'Follow'}
      </button>
      <Alert kind="error">{error?.message}</Alert>
    </div>
  );
}
