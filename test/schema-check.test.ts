import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_SUBGRAPH_URLS } from '../gateway/src/compose';
import {
  checkAll,
  compose,
  FILES,
  findBreakingChanges,
  formatHints,
  generate,
  gitBase,
  outputPaths,
  readBaseFile,
} from '../scripts/lib/schema/index.mjs';

interface Subgraph {
  name: string;
  url: string;
  sdl: string;
}
interface Operation {
  file: string;
  source: string;
}
type Files = Record<string, string | null>;

const root = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

/** The committed inputs, in memory: each test edits its own copy. */
function committedSubgraphs(): Subgraph[] {
  return ['members', 'activity', 'feed'].map((name) => ({
    name,
    url: DEFAULT_SUBGRAPH_URLS[name],
    sdl: read(`schema/${name}.graphql`),
  }));
}
const operations: Operation[] = readdirSync(path.join(root, FILES.operationsDir))
  .filter((name) => name.endsWith('.graphql'))
  .sort()
  .map((name) => ({
    file: `${FILES.operationsDir}/${name}`,
    source: read(`${FILES.operationsDir}/${name}`),
  }));
const committedApi = read(FILES.api);

function committedFiles(subgraphs: Subgraph[]): Files {
  const paths: string[] = [...outputPaths(subgraphs), FILES.acceptedBreaks];
  return Object.fromEntries(paths.map((file) => [file, read(file)]));
}

/** What the committed files would be after `npm run compose` on these inputs. */
async function composedFiles(
  subgraphs: Subgraph[],
  ops = operations,
  acceptedBreaks = '[]\n',
): Promise<Files> {
  const { files } = await generate({ subgraphs, operations: ops });
  return { ...files, [FILES.acceptedBreaks]: acceptedBreaks };
}

function editSubgraph(name: string, edit: (sdl: string) => string): Subgraph[] {
  return committedSubgraphs().map((subgraph) => {
    if (subgraph.name !== name) return subgraph;
    const sdl = edit(subgraph.sdl);
    expect(sdl).not.toBe(subgraph.sdl);
    return { ...subgraph, sdl };
  });
}

const base = { label: 'base', apiSdl: committedApi };

/** The check after `npm run compose` on these subgraphs, with these breaks declared. */
async function checkComposed(
  subgraphs: Subgraph[],
  accepted: Array<{ change: string; reason: string }> = [],
) {
  const committed = await composedFiles(subgraphs, operations, `${JSON.stringify(accepted)}\n`);
  return checkAll({ subgraphs, operations, committed, base });
}
const OPERATIONS_LINE = '6 operation files checked against the API schema';
const USER_CREATED_AT = "Field 'createdAt' was removed from object type 'User'";

describe('the committed schema files', () => {
  it('are what `npm run compose` writes from the committed subgraphs and operations', async () => {
    const subgraphs = committedSubgraphs();
    const result = await checkAll({
      subgraphs,
      operations,
      committed: committedFiles(subgraphs),
      base,
    });
    // Against itself as the base, every break the tree declares is already in the base.
    const declared = (JSON.parse(read(FILES.acceptedBreaks)) as Array<{ change: string }>).map(
      (entry) => `accepted break no longer needed, remove it: ${entry.change}`,
    );
    expect(result).toEqual({
      lines: [OPERATIONS_LINE, 'breaking changes against base: 0 schema changes', ...declared],
      problems: [],
    });
  });

  it('include a client-facing API schema without federation directives or join types', () => {
    expect(committedApi).toMatch(/^type Query \{$/m);
    expect(committedApi).toMatch(/^type User \{$/m);
    for (const federation of [
      'join__',
      'link__',
      '@link',
      '@key',
      '@join',
      '_entities',
      '_Service',
      '_Any',
      'federation__',
    ]) {
      expect([federation, committedApi.includes(federation)]).toEqual([federation, false]);
    }
    expect(compose(committedSubgraphs()).apiSdl).toBe(committedApi);
  });
});

describe('schema changes', () => {
  it('fails when a field the web app uses is removed, naming the field and every operation that uses it', async () => {
    const subgraphs = editSubgraph('members', (sdl) =>
      sdl.replace(
        '  """The chosen https avatar, or the generated default"""\n  avatarUrl: String!\n',
        '',
      ),
    );
    const { problems } = await checkAll({
      subgraphs,
      operations,
      committed: committedFiles(subgraphs),
      base,
    });
    const invalid = problems.filter((problem) => problem.startsWith('web operation invalid'));
    expect(invalid[0]).toBe(
      'web operation invalid against the API schema: operation SearchUsers (fragment UserSummary, web/src/graphql/fragments.graphql:5:3): Cannot query field "avatarUrl" on type "User".',
    );
    const named = invalid.map(
      (problem) =>
        /operation (\w+) \(fragment UserSummary, [^)]+\): Cannot query field "avatarUrl" on type "User"\.$/.exec(
          problem,
        )?.[1],
    );
    expect(named).toEqual([
      'SearchUsers',
      'Login',
      'RefreshSession',
      'Notifications',
      'Feed',
      'CreatePost',
      'Comments',
      'AddComment',
      'Profile',
      'Me',
      'UpdateProfile',
    ]);
    // `npm run compose` refuses to write while an operation is invalid: the schema files stay stale.
    expect(problems.filter((problem) => !problem.startsWith('web operation invalid'))).toEqual([
      'schema/api.graphql is stale: run `npm run compose` and commit it',
      'schema/members.graphql is stale: run `npm run compose` and commit it',
      'schema/supergraph.graphql is stale: run `npm run compose` and commit it',
      "breaking change: Field 'avatarUrl' was removed from object type 'User' (User.avatarUrl); if intended, declare it in schema/accepted-breaks.json with a reason",
    ]);
  });

  it('passes when a field is added', async () => {
    const subgraphs = editSubgraph('members', (sdl) =>
      sdl.replace('  greeting: String!\n', '  greeting: String!\n  pronouns: String\n'),
    );
    const result = await checkComposed(subgraphs);
    expect(result).toEqual({
      lines: [OPERATIONS_LINE, 'breaking changes against base: 1 schema changes'],
      problems: [],
    });
    const { changes } = await findBreakingChanges(committedApi, compose(subgraphs).apiSdl);
    expect(
      changes.map((change: { type: string; path: string }) => [change.type, change.path]),
    ).toEqual([['FIELD_ADDED', 'User.pronouns']]);
  });

  describe('a break the web app does not feel (User.createdAt removed)', () => {
    const withoutCreatedAt = () =>
      editSubgraph('members', (sdl) =>
        sdl.replace('  createdAt: DateTime!\n  """The chosen https', '  """The chosen https'),
      );

    it('fails while it is not declared', async () => {
      const subgraphs = withoutCreatedAt();
      const result = await checkComposed(subgraphs);
      expect(result.problems).toEqual([
        `breaking change: ${USER_CREATED_AT} (User.createdAt); if intended, declare it in schema/accepted-breaks.json with a reason`,
      ]);
    });

    it.each([
      ['path', 'User.createdAt'],
      ['message', USER_CREATED_AT],
    ])('passes when declared by its %s, printing the reason', async (_how, change) => {
      const subgraphs = withoutCreatedAt();
      const result = await checkComposed(subgraphs, [
        { change, reason: 'nothing reads it; the profile shows no join date' },
      ]);
      expect(result).toEqual({
        lines: [
          OPERATIONS_LINE,
          'breaking changes against base: 1 schema changes',
          `accepted break: ${USER_CREATED_AT} (User.createdAt); reason: nothing reads it; the profile shows no join date`,
        ],
        problems: [],
      });
    });

    it('refuses a declaration without a reason', async () => {
      const subgraphs = withoutCreatedAt();
      await expect(
        checkComposed(subgraphs, [{ change: 'User.createdAt', reason: ' ' }]),
      ).rejects.toThrow(
        'each accepted break needs "change" and a non-empty "reason": {"change":"User.createdAt","reason":" "}',
      );
    });
  });

  it('reports a dangerous change without failing, and a declared break that is no longer needed', async () => {
    const subgraphs = editSubgraph('feed', (sdl) =>
      sdl.replace('  POST_COMMENTED\n', '  POST_COMMENTED\n  MENTIONED\n'),
    );
    const result = await checkComposed(subgraphs, [
      { change: 'User.createdAt', reason: 'merged already' },
    ]);
    expect(result).toEqual({
      lines: [
        OPERATIONS_LINE,
        'breaking changes against base: 1 schema changes',
        "dangerous change: Enum value 'MENTIONED' was added to enum 'NotificationKind' (NotificationKind.MENTIONED)",
        'accepted break no longer needed, remove it: User.createdAt',
      ],
      problems: [],
    });
  });

  it('passes, saying so, when the base revision has no API schema yet', async () => {
    const subgraphs = committedSubgraphs();
    const result = await checkAll({
      subgraphs,
      operations,
      committed: committedFiles(subgraphs),
      base: { label: 'merge base with main (0123456789)', apiSdl: null },
    });
    expect(result).toEqual({
      lines: [
        OPERATIONS_LINE,
        'breaking changes: merge base with main (0123456789) has no schema/api.graphql yet; passing',
      ],
      problems: [],
    });
  });
});

describe('stale files', () => {
  it('fails when schema/api.graphql is stale', async () => {
    const subgraphs = committedSubgraphs();
    const committed = {
      ...committedFiles(subgraphs),
      [FILES.api]: committedApi.replace('  avatarUrl: String!\n', ''),
    };
    const result = await checkAll({ subgraphs, operations, committed, base });
    expect(result.problems).toEqual([
      'schema/api.graphql is stale: run `npm run compose` and commit it',
    ]);
  });

  it('fails when the generated types are stale after an operation changed', async () => {
    const subgraphs = committedSubgraphs();
    const edited = operations.map((operation) =>
      operation.file.endsWith('fragments.graphql')
        ? {
            ...operation,
            source: operation.source.replace('  avatarUrl\n', '  avatarUrl\n  createdAt\n'),
          }
        : operation,
    );
    const result = await checkAll({
      subgraphs,
      operations: edited,
      committed: committedFiles(subgraphs),
      base,
    });
    expect(result.problems).toEqual([
      'web/src/graphql/generated.ts is stale: run `npm run compose` and commit it',
    ]);
  });

  it('fails when a generated file is missing', async () => {
    const subgraphs = committedSubgraphs();
    const result = await checkAll({
      subgraphs,
      operations,
      committed: { ...committedFiles(subgraphs), [FILES.generated]: null },
      base,
    });
    expect(result.problems).toEqual([
      'web/src/graphql/generated.ts is stale: run `npm run compose` and commit it',
    ]);
  });

  it('generates the same typed documents every time', async () => {
    const subgraphs = committedSubgraphs();
    const first = await generate({ subgraphs, operations });
    const second = await generate({ subgraphs, operations: [...operations].reverse() });
    expect(second.files[FILES.generated]).toBe(first.files[FILES.generated]);
    expect(first.files[FILES.generated]).toBe(read(FILES.generated));
  });
});

describe('composition hints', () => {
  const link =
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@shareable"])';
  const hinted: Subgraph[] = [
    {
      name: 'a',
      url: 'http://127.0.0.1:1/graphql',
      sdl: `${link}\ntype Query { t: T }\ntype T @shareable { x: String! }\n`,
    },
    {
      name: 'b',
      url: 'http://127.0.0.1:2/graphql',
      sdl: `${link}\ntype Query { u: T }\ntype T @shareable { x: String }\n`,
    },
  ];
  const hint =
    '[INCONSISTENT_BUT_COMPATIBLE_FIELD_TYPE] Type of field "T.x" is inconsistent but compatible across subgraphs: will use type "String" (from subgraph "b") in supergraph but "T.x" has subtype "String!" in subgraph "a".';

  it('prints each hint, and fails on one that is not in the committed baseline', async () => {
    const committed = { ...(await composedFiles(hinted, [])), [FILES.hints]: formatHints([]) };
    const result = await checkAll({ subgraphs: hinted, operations: [], committed, base: null });
    expect(result.lines).toEqual([
      `composition hint: ${hint}`,
      '0 operation files checked against the API schema',
      'breaking changes: no base revision to compare with; passing',
    ]);
    expect(result.problems).toEqual([
      `new composition hint (look at it; \`npm run compose\` adds it to schema/composition-hints.txt): ${hint}`,
      'schema/composition-hints.txt is stale: run `npm run compose` and commit it',
    ]);
  });

  it('passes once the hint is in the committed baseline', async () => {
    const committed = await composedFiles(hinted, []);
    expect(committed[FILES.hints]).toContain(`\n${hint}\n`);
    const result = await checkAll({ subgraphs: hinted, operations: [], committed, base: null });
    expect(result.problems).toEqual([]);
  });

  it('has none for the project today', () => {
    expect(compose(committedSubgraphs()).hints).toEqual([]);
  });
});

describe('the base revision', () => {
  let dir: string;
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@example.com',
  };
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, env, encoding: 'utf8' }).trim();
  const commit = (file: string, content: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
    git('add', '.');
    git('commit', '-q', '-m', `write ${file}`);
    return git('rev-parse', 'HEAD');
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'schema-base-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is the merge base with main on a branch, and git show reads the API schema there', () => {
    git('init', '-q', '-b', 'main');
    const onMain = commit('schema/api.graphql', 'type Query { a: Int }\n');
    git('checkout', '-q', '-b', 'feature');
    commit('schema/api.graphql', 'type Query { b: Int }\n');
    const found = gitBase(dir, {});
    expect(found).toEqual({ rev: onMain, how: 'merge base with main' });
    expect(readBaseFile(dir, found.rev, FILES.api)).toBe('type Query { a: Int }\n');
  });

  it('is the previous commit without a main branch, and a missing file reads as null', () => {
    git('init', '-q', '-b', 'trunk');
    const first = commit('README', 'x\n');
    commit('schema/api.graphql', 'type Query { a: Int }\n');
    const found = gitBase(dir, {});
    expect(found).toEqual({ rev: first, how: 'previous commit' });
    expect(readBaseFile(dir, first, FILES.api)).toBeNull();
  });

  it('is the previous commit on main itself, SCHEMA_BASE_REF when set, and none in a one-commit repository', () => {
    git('init', '-q', '-b', 'main');
    const first = commit('README', 'x\n');
    expect(gitBase(dir, {})).toBeNull();
    const second = commit('schema/api.graphql', 'type Query { a: Int }\n');
    commit('schema/api.graphql', 'type Query { b: Int }\n');
    expect(gitBase(dir, {})).toEqual({ rev: second, how: 'previous commit' });
    expect(gitBase(dir, { SCHEMA_BASE_REF: first })).toEqual({
      rev: first,
      how: `SCHEMA_BASE_REF=${first}`,
    });
  });
});
