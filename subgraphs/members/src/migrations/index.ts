import type { MigrationEntry } from '@social/kit/orm';
import { Migration20261126000000 } from './Migration20261126000000';
import { Migration20261127000000 } from './Migration20261127000000';
import { Migration20261203000000 } from './Migration20261203000000';
import { Migration20261203120000 } from './Migration20261203120000';
import { Migration20261204000000 } from './Migration20261204000000';

/** Applied in order at start; never edit one that has shipped, add a new one. */
export const migrations: MigrationEntry[] = [
  { name: 'Migration20261126000000', class: Migration20261126000000 },
  { name: 'Migration20261127000000', class: Migration20261127000000 },
  { name: 'Migration20261203000000', class: Migration20261203000000 },
  { name: 'Migration20261203120000', class: Migration20261203120000 },
  { name: 'Migration20261204000000', class: Migration20261204000000 },
];
