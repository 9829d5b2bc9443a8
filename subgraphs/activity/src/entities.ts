import { Follow } from './user/follow.entity';

export const entities = [Follow];
