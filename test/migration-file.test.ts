import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  listedMigrations,
  migrationSlug,
  migrationSource,
  migrationTimestamp,
  registerMigration,
} from '../scripts/lib/migration-file.mjs';

const index = readFileSync(
  path.resolve(__dirname, '..', 'subgraphs', 'members', 'src', 'migrations', 'index.ts'),
  'utf8',
);

/** `npm run migration:create -w subgraphs/<name> -- <what-it-does>` writes these. */
describe('a new migration', () => {
  it('is named after what it does, in snake case', () => {
    expect(migrationSlug('add bio')).toBe('add_bio');
    expect(migrationSlug('addBio-and avatar')).toBe('add_bio_and_avatar');
    expect(migrationSlug(' !! ')).toBeNull();
  });

  it('is stamped with the UTC time, after every listed one even on a clock that is behind', () => {
    const now = new Date('2026-12-02T19:05:07.123Z');
    expect(migrationTimestamp(now, ['Migration20261126000000'])).toBe('20261202190507');
    expect(migrationTimestamp(now, ['Migration20261203000000_later'])).toBe('20261203000001');
  });

  it('is listed last in index.ts, after its import', () => {
    const updated = registerMigration(index, 'Migration20261202190507_add_bio');
    expect(listedMigrations(updated)).toEqual([
      ...listedMigrations(index),
      'Migration20261202190507_add_bio',
    ]);
    expect(updated).toContain(
      "import { Migration20261202190507_add_bio } from './Migration20261202190507_add_bio';\n\n",
    );
    expect(updated).toContain(
      "  { name: 'Migration20261202190507_add_bio', class: Migration20261202190507_add_bio },\n];",
    );
  });

  it('starts as a class with an empty up() that says how to write it', () => {
    const source = migrationSource('Migration20261202190507_add_bio', 'add_bio');
    expect(source).toContain('export class Migration20261202190507_add_bio extends Migration {');
    expect(source).toContain(' * add bio: say what changes and why.');
  });
});
