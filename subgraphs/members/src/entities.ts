import { User } from './user/user.entity';

export const entities = [User];
