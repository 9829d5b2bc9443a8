import { useInfiniteScroll } from '../../hooks/use-infinite-scroll';
import type { Post } from '../../graphql/types';
import { PostCard } from './PostCard';

interface Props {
  posts: Post[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  label: string;
}

/** Posts with infinite scroll; the "Load more" button keeps it usable from the keyboard. */
export function PostList({ posts, hasMore, loadingMore, onLoadMore, label }: Props) {
  const sentinel = useInfiniteScroll(() => {
    if (!loadingMore) onLoadMore();
  }, hasMore);
  return (
    <section aria-label={label} className="post-list">
      {posts.map((post) => (
        <PostCard key={post.id} post={post} />
      ))}
      {hasMore && (
        <div ref={sentinel} className="load-more">
          <button type="button" className="button" disabled={loadingMore} onClick={onLoadMore}>
            {loadingMore ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}
    </section>
  );
}
