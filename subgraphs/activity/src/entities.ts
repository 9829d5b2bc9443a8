import { Comment } from './comment/comment.entity';
import { Like } from './like/like.entity';
import { OutboxMessage } from './outbox/outbox.entity';
import { Post } from './post/post.entity';
import { Follow } from './user/follow.entity';

export const entities = [Follow, Post, Like, Comment, OutboxMessage];
