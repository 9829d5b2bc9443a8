import { envSchema, parseEnv } from '@social/kit';
import { z } from 'zod';

const schema = envSchema(
  ['NODE_ENV', 'LOG_LEVEL', 'HOST', 'MEMBERS_PORT', 'MYSQL_URL', 'REDIS_URL', 'PUBLIC_URL'],
  { MEMBERS_DB: z.string().regex(/^[A-Za-z0-9_]+$/).default('members') },
);

export type MembersEnv = z.infer<typeof schema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): MembersEnv {
  return parseEnv(schema, source);
}
