// Writing a new migration: the file from a template and its line in src/migrations/index.ts,
// the one list MikroORM applies (in order, under a lock, at each service's start).

/** `add bio` / `add-bio` / `addBio` -> `add_bio`; null when nothing usable is left. */
export function migrationSlug(input) {
  const slug = String(input ?? '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return slug || null;
}

/** UTC `YYYYMMDDhhmmss`, later than every listed migration even on a clock that is behind. */
export function migrationTimestamp(now, listedNames) {
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  const latest = listedNames
    .map((name) => /^Migration(\d{14})/.exec(name)?.[1])
    .filter(Boolean)
    .sort()
    .at(-1);
  if (!latest || stamp > latest) return stamp;
  return String(BigInt(latest) + 1n);
}

export function migrationSource(className, slug) {
  return `import { Migration } from '@mikro-orm/migrations';

/**
 * ${slug.replace(/_/g, ' ')}: say what changes and why. MySQL commits around DDL, so write each
 * statement to be harmless when run again (IF NOT EXISTS, IF EXISTS).
 */
export class ${className} extends Migration {
  override async up(): Promise<void> {
    // this.addSql('ALTER TABLE ... ADD COLUMN IF NOT EXISTS ...');
  }
}
`;
}

/** index.ts with the new migration's import and list entry added at the end. */
export function registerMigration(indexSource, className) {
  const lines = indexSource.split('\n');
  const lastImport = lines.findLastIndex((line) => line.startsWith('import '));
  const end = lines.findLastIndex((line) => line.trim() === '];');
  if (lastImport < 0 || end < 0) throw new Error('migrations/index.ts has an unexpected shape');
  lines.splice(end, 0, `  { name: '${className}', class: ${className} },`);
  lines.splice(lastImport + 1, 0, `import { ${className} } from './${className}';`);
  return lines.join('\n');
}

/** The names index.ts lists, in order. */
export function listedMigrations(indexSource) {
  return [...indexSource.matchAll(/name: '([^']+)'/g)].map((match) => match[1]);
}
