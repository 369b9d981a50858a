import { readFileSync } from 'node:fs';
import { buildSchema, introspectionFromSchema, parse, type DocumentNode } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { GalleryGrid_Images, GALLERY_PAGE_SIZE } from '../src/components/gallery/use-gallery-images';
import { JobCard_JobById } from '../src/components/job/job-card';
import persistedDocuments from '../src/gql/persisted-documents.json';
import { ImageDetailPage_Image } from '../src/pages/image-detail';
import { imageDetailFixture, imageFixture, imagesPage, jobFixture } from '../src/lib/testing/fixtures';
import { createTestClient } from '../src/lib/testing/urql';
import { cacheOptions } from '../src/lib/urql-cache';
import {
  configuredFields,
  pruneIntrospection,
  selectedFields,
  type MinifiedSchema,
} from './graphcache-schema';

const sdl = /* GraphQL */ `
  interface Node {
    id: ID!
  }
  interface Problem {
    message: String!
    hint: String
  }
  type Missing implements Problem {
    message: String!
    hint: String
    what: String
  }
  type Refused implements Problem {
    message: String!
    hint: String
    why: String
  }
  type Image implements Node {
    id: ID!
    url(size: Int): String!
    tags: [String]!
    secret: String
  }
  type Job implements Node {
    id: ID!
    status: String!
    images: [Image!]!
    cost: Float
  }
  union StarResult = Image | Missing | Refused
  type Query {
    node(id: ID!): Node
    job(id: ID!): Job
    unused: Int
  }
  type Mutation {
    star(id: ID!): StarResult!
    rename(id: ID!): Image
    unused: Int
  }
`;
const smallSchema = buildSchema(sdl);

const smallDocuments = [
  parse(`query J($id: ID!) { job(id: $id) { status images { url(size: 2) } } }`),
  parse(`query N($id: ID!) { node(id: $id) { id ... on Job { status } } }`),
  parse(`
    mutation S($id: ID!) { star(id: $id) { __typename ...Starred ... on Problem { message } } }
    fragment Starred on Image { tags }
  `),
];

function prunedSmallSchema(cacheConfig = {}) {
  const introspection = introspectionFromSchema(smallSchema) as unknown as MinifiedSchema;
  return pruneIntrospection(
    introspection,
    selectedFields(smallSchema, smallDocuments),
    configuredFields(smallSchema, cacheConfig),
  );
}

function fieldsOf(schema: MinifiedSchema, name: string) {
  return schema.__schema.types.find((type) => type.name === name)?.fields?.map((field) => field.name);
}

describe('pruneIntrospection', () => {
  it('keeps the root fields and object fields the documents select, and every id', () => {
    const pruned = prunedSmallSchema();
    expect(fieldsOf(pruned, 'Query')).toEqual(['node', 'job']);
    expect(fieldsOf(pruned, 'Mutation')).toEqual(['star']);
    expect(fieldsOf(pruned, 'Job')).toEqual(['id', 'status', 'images']);
    expect(fieldsOf(pruned, 'Image')).toEqual(['id', 'url', 'tags']);
  });

  it('keeps a field selected on an interface on the interface and every type implementing it', () => {
    const pruned = prunedSmallSchema();
    expect(fieldsOf(pruned, 'Problem')).toEqual(['message']);
    expect(fieldsOf(pruned, 'Missing')).toEqual(['message']);
    expect(fieldsOf(pruned, 'Refused')).toEqual(['message']);
    expect(fieldsOf(pruned, 'Node')).toEqual(['id']);
  });

  it('keeps every type, union member and interface, and each field’s nullability without names or args', () => {
    const pruned = prunedSmallSchema();
    const full = introspectionFromSchema(smallSchema).__schema;
    expect(pruned.__schema.types.map((type) => type.name)).toEqual(full.types.map((type) => type.name));
    const union = pruned.__schema.types.find((type) => type.name === 'StarResult') as unknown as {
      possibleTypes: { name: string }[];
    };
    expect(union.possibleTypes.map((type) => type.name)).toEqual(['Image', 'Missing', 'Refused']);
    const missing = pruned.__schema.types.find((type) => type.name === 'Missing') as unknown as {
      interfaces: { name: string }[];
    };
    expect(missing.interfaces.map((type) => type.name)).toEqual(['Problem']);
    const image = pruned.__schema.types.find((type) => type.name === 'Image')!;
    expect(image.fields).toEqual([
      { name: 'id', type: { kind: 'NON_NULL', ofType: { kind: 'SCALAR' } }, args: [] },
      { name: 'url', type: { kind: 'NON_NULL', ofType: { kind: 'SCALAR' } }, args: [] },
      {
        name: 'tags',
        type: { kind: 'NON_NULL', ofType: { kind: 'LIST', ofType: { kind: 'SCALAR' } } },
        args: [],
      },
    ]);
  });

  it('keeps the fields the cache’s resolvers, updaters and optimistic updaters name', () => {
    const noop = () => null;
    const pruned = prunedSmallSchema({
      resolvers: { Query: { unused: noop }, Job: { cost: noop } },
      updates: { Mutation: { star: noop } },
      optimistic: { rename: noop },
    });
    expect(fieldsOf(pruned, 'Query')).toEqual(['node', 'job', 'unused']);
    expect(fieldsOf(pruned, 'Job')).toEqual(['id', 'status', 'images', 'cost']);
    expect(fieldsOf(pruned, 'Mutation')).toEqual(['star', 'rename']);
  });
});

describe('the schema the web’s graphcache gets (through this plugin)', () => {
  const served = cacheOptions.schema as unknown as MinifiedSchema;
  const fullSchema = buildSchema(
    readFileSync(new URL('../../../packages/schema/schema.graphql', import.meta.url), 'utf8'),
  );
  const has = (type: string, field: string) => fieldsOf(served, type)?.includes(field) ?? false;

  it('is pruned: fewer fields than the API’s schema, without type names', () => {
    const servedFields = served.__schema.types.reduce((sum, type) => sum + (type.fields?.length ?? 0), 0);
    const apiFields = introspectionFromSchema(fullSchema).__schema.types.reduce(
      (sum, type) => sum + ('fields' in type && type.kind === 'OBJECT' ? type.fields.length : 0),
      0,
    );
    expect(servedFields).toBeLessThan(apiFields);
    expect(JSON.stringify(served)).not.toContain('"ofType":{"kind":"OBJECT","name"');
  });

  it('has every field every persisted document selects', () => {
    const documents = Object.values(persistedDocuments as Record<string, string>).map((text) => parse(text));
    const missing = [...selectedFields(fullSchema, documents)].flatMap(([type, fields]) =>
      [...fields].filter((field) => !has(type, field)).map((field) => `${type}.${field}`),
    );
    expect(missing).toEqual([]);
  });

  it('has every field the cache config names, and every type its keys name', () => {
    const missing = [...configuredFields(fullSchema, cacheOptions)].flatMap(([type, fields]) =>
      [...fields].filter((field) => !has(type, field)).map((field) => `${type}.${field}`),
    );
    expect(missing).toEqual([]);
    const types = new Set(served.__schema.types.map((type) => type.name));
    expect(Object.keys(cacheOptions.keys).filter((type) => !types.has(type))).toEqual([]);
  });

  it('lets the real cache answer the gallery, an image and a job whole, without a schema warning', async () => {
    const warn = vi.spyOn(console, 'warn');
    const { client } = createTestClient({
      GalleryGrid_Images: () => imagesPage([imageFixture(2), imageFixture(1)]),
      ImageDetailPage_Image: ({ id }) => ({ image: imageDetailFixture(Number(String(id).slice(4))) }),
      JobCard_JobById: ({ id }) => ({ job: jobFixture(String(id), 'RUNNING') }),
    });
    const gallery = { first: GALLERY_PAGE_SIZE };
    const documents: [DocumentNode, Record<string, unknown>][] = [
      [GalleryGrid_Images, gallery],
      [ImageDetailPage_Image, { id: 'img-1' }],
      [JobCard_JobById, { id: 'job-1' }],
    ];
    for (const [document, variables] of documents) {
      const fetched = await client.query(document, variables).toPromise();
      expect(fetched.error).toBeUndefined();
      const cached = client.readQuery(document, variables);
      expect(cached?.data).toEqual(fetched.data);
      expect(cached?.operation.context.meta?.cacheOutcome).toBe('hit');
    }
    expect(warn).not.toHaveBeenCalled();
  });
});
