import { Field, ID, ObjectType } from 'type-graphql';
import { UNKNOWN_DEVICE } from './client-info';
import type { Session } from './session.entity';

/** One of the caller's live sessions as their sessions list shows it: no token material. */
@ObjectType('Session', { description: 'A login on one device; ended by endSession or logout' })
export class SessionInfo {
  @Field(() => ID)
  id: string;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date, { description: 'The last login or refresh (not every request)' })
  lastUsedAt: Date;

  @Field(() => String, { description: 'From the User-Agent, e.g. "Firefox on Linux"' })
  device: string;

  @Field(() => String, {
    nullable: true,
    description: 'The network last seen: an IPv4 /24 or an IPv6 /48, never the full address',
  })
  address: string | null;

  @Field(() => Boolean, { description: 'The session of the access token of this request' })
  current: boolean;

  static of(session: Session, currentSessionId: string): SessionInfo {
    return Object.assign(new SessionInfo(), {
      id: session.id,
      createdAt: session.createdAt,
      lastUsedAt: session.lastUsedAt,
      device: session.device ?? UNKNOWN_DEVICE,
      address: session.address,
      current: session.id === currentSessionId,
    });
  }
}
