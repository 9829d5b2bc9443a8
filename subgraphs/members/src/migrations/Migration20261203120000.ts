import { Migration } from '@mikro-orm/migrations';
import { outboxTableDdl } from '@social/kit/outbox';

/**
 * Members' own transactional outbox (kit outbox): `deleteAccount` writes member.deleted in
 * the transaction that deletes the account, and members' relay publishes it to
 * member-events.v1. Re-runnable, like every migration here.
 */
export class Migration20261203120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      outboxTableDdl({
        idType: 'CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL',
        tableOptions: 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
      }),
    );
  }
}
