import type { ActivityEvent } from '@social/events';
import { newId } from '@social/kit';
import { events, minute } from './feed-fixtures';

/** mulberry32: a tiny seeded generator, so a failing run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ModelPost {
  id: string;
  authorId: string;
  createdAt: string;
}

/**
 * What every feed must show, kept the obvious way: a feed is the reader's own posts and those
 * of everyone they follow now, newest first by (time, id). It knows nothing of fan-out,
 * thresholds or merging.
 */
export class FeedModel {
  readonly follows = new Set<string>();
  readonly posts = new Map<string, ModelPost>();
  /** How often someone's follower count crossed the fan-out threshold, to check the run's coverage. */
  readonly crossings = { up: 0, down: 0 };

  constructor(
    readonly users: string[],
    private readonly threshold: number,
  ) {}

  followers(userId: string): string[] {
    return this.users.filter((other) => this.follows.has(`${other}>${userId}`));
  }

  feedOf(userId: string): string[] {
    const authors = new Set([
      userId,
      ...this.users.filter((other) => this.follows.has(`${userId}>${other}`)),
    ]);
    return [...this.posts.values()]
      .filter((post) => authors.has(post.authorId))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (a.id < b.id ? 1 : -1))
      .map((post) => post.id);
  }

  /** One random step, applied to the model, as the event activity would publish for it. */
  step(random: () => number, clock: number): ActivityEvent {
    const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
    // The first three users attract most follows, so they cross a threshold of 3 both ways.
    const popular = () => (random() < 0.6 ? pick(this.users.slice(0, 3)) : pick(this.users));
    const roll = random();
    if (roll < 0.35) {
      const follower = pick(this.users);
      const followee = popular();
      const key = `${follower}>${followee}`;
      if (follower === followee) return this.post(pick(this.users), clock);
      const before = this.followers(followee).length;
      if (this.follows.has(key)) {
        this.follows.delete(key);
        if (before === this.threshold + 1) this.crossings.down += 1;
        return events.unfollow(follower, followee);
      }
      this.follows.add(key);
      if (before === this.threshold) this.crossings.up += 1;
      return events.follow(follower, followee);
    }
    if (roll < 0.5 && this.posts.size > 0) {
      const post = pick([...this.posts.values()]);
      this.posts.delete(post.id);
      return events.deletePost(post.authorId, post.id);
    }
    return this.post(random() < 0.5 ? popular() : pick(this.users), clock);
  }

  private post(authorId: string, clock: number): ActivityEvent {
    // Whole minutes, several posts per minute: ties on time are broken by post id.
    const post = { id: newId(), authorId, createdAt: minute(Math.floor(clock / 3)) };
    this.posts.set(post.id, post);
    return events.post(authorId, post.createdAt, post.id);
  }
}
