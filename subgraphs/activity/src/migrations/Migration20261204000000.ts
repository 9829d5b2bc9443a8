import { Migration } from '@mikro-orm/migrations';
import { outboxStampSql } from '@social/kit/outbox';

/**
 * Unpublished outbox rows carry the far-future stamp instead of NULL, so the relay's mark
 * rewrites a fixed-size value in place (kit outbox.writer.ts: UNPUBLISHED_AT, and what a
 * rolling deploy or a rollback past this sees). Re-runnable.
 */
export class Migration20261204000000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of outboxStampSql()) this.addSql(statement);
  }
}
