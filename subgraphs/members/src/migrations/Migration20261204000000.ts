import { Migration } from '@mikro-orm/migrations';
import { outboxStampSql } from '@social/kit/outbox';

/**
 * Members' outbox (member.deleted) moves to the kit's stamp for unpublished rows, as activity's
 * does in its migration of the same name: see outboxStampSql in kit outbox.writer.ts for why,
 * and for what a rolling deploy or a rollback past it sees. Re-runnable.
 */
export class Migration20261204000000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of outboxStampSql()) this.addSql(statement);
  }
}
