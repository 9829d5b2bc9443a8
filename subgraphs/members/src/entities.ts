import { Session } from './session/session.entity';
import { User } from './user/user.entity';

export const entities = [User, Session];
