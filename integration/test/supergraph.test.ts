import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildActivitySchema } from '../../subgraphs/activity/src/schema';
import { buildFeedSchema } from '../../subgraphs/feed/src/schema';
import { buildMembersSchema } from '../../subgraphs/members/src/schema';
import { DEFAULT_SUBGRAPH_URLS } from '../../gateway/src/compose';
import { compose } from '../../scripts/lib/schema/compose.mjs';

const schemaDir = path.resolve(__dirname, '..', '..', 'schema');
const committed = (file: string) => readFileSync(path.join(schemaDir, file), 'utf8');

describe('the committed supergraph', () => {
  const builders = {
    members: buildMembersSchema,
    activity: buildActivitySchema,
    feed: buildFeedSchema,
  };
  let subgraphs: Array<{ name: string; url: string; sdl: string }>;

  beforeAll(async () => {
    subgraphs = [];
    for (const [name, build] of Object.entries(builders)) {
      const { sdl } = await build();
      subgraphs.push({ name, url: DEFAULT_SUBGRAPH_URLS[name], sdl: `${sdl.trim()}\n` });
    }
  });

  it.each(['members', 'activity', 'feed'])(
    'has an up-to-date schema/%s.graphql (run `npm run compose`)',
    (name) => {
      const subgraph = subgraphs.find((candidate) => candidate.name === name);
      expect(committed(`${name}.graphql`)).toBe(subgraph?.sdl);
    },
  );

  it('composes without errors and matches schema/supergraph.graphql (run `npm run compose`)', () => {
    expect(committed('supergraph.graphql')).toBe(compose(subgraphs).supergraphSdl);
  });

  it('reports composition errors instead of writing a broken supergraph', () => {
    const clash = {
      name: 'clash',
      url: 'http://127.0.0.1:1/graphql',
      sdl: 'type Query { user: Int }',
    };
    expect(() => compose([...subgraphs, clash])).toThrow(/Supergraph composition failed/);
  });
});
