import { globalId } from '../../support/factories';
import {
  type Case,
  coded,
  cursor,
  imageId,
  jobId,
  me,
  noneOrCoded,
  notFound,
  nothing,
  refused,
  url,
} from '../support/bad-input';
import { gql } from '../support/http';
import { subscribeAs } from '../support/ws';

/*
 * The cases of schema/modules/image.ts and job.ts, and the Relay field node: ids, cursors and
 * gallery filters.
 */

const imageGid = () => imageId;
const jobGid = () => jobId;

const ids: Case[] = [
  [
    'image(id:) with a forged global id',
    () => gql(me, 'query($id: ID!) { image(id: $id) { id } }', { id: 'not-a-global-id' }),
    nothing('image'),
  ],
  [
    'image(id:) with the id of a job',
    () => gql(me, 'query($id: ID!) { image(id: $id) { id } }', { id: jobGid() }),
    nothing('image'),
  ],
  [
    'image(id:) with a well-formed id that is not a UUID',
    () => gql(me, 'query($id: ID!) { image(id: $id) { id } }', { id: globalId('Image', "1' or '1'='1") }),
    nothing('image'),
  ],
  [
    'job(id:) with the id of an image',
    () => gql(me, 'query($id: ID!) { job(id: $id) { id } }', { id: imageGid() }),
    nothing('job'),
  ],
  [
    'node(id:) of a type that does not exist',
    () =>
      gql(me, 'query($id: ID!) { node(id: $id) { id } }', { id: Buffer.from('User:1').toString('base64') }),
    nothing('node'),
  ],
  [
    'node(id:) with an empty id',
    () => gql(me, 'query($id: ID!) { node(id: $id) { id } }', { id: '' }),
    nothing('node'),
  ],
  [
    'deleteImage with a forged id',
    () =>
      gql(me, 'mutation($id: ID!) { deleteImage(id: $id) { __typename ... on Error { code } } }', {
        id: 'not-a-global-id',
      }),
    notFound('deleteImage'),
  ],
  [
    'deleteImage with the id of a job',
    () =>
      gql(me, 'mutation($id: ID!) { deleteImage(id: $id) { __typename ... on Error { code } } }', {
        id: jobGid(),
      }),
    notFound('deleteImage'),
  ],
  [
    'cancelJob with the id of an image',
    () =>
      gql(me, 'mutation($id: ID!) { cancelJob(id: $id) { __typename ... on Error { code } } }', {
        id: imageGid(),
      }),
    notFound('cancelJob'),
  ],
  [
    'jobUpdated with a forged id',
    async () => {
      const outcome = await subscribeAs(
        url,
        { cookie: me.cookie },
        'subscription($id: ID!) { jobUpdated(id: $id) { id } }',
        { id: 'not-a-global-id' },
        { untilFirst: 1 },
      );
      return {
        status: 200,
        executed: true,
        text: JSON.stringify(outcome),
        errors: outcome.errors,
        data: { jobUpdated: null },
      };
    },
    nothing('jobUpdated'),
  ],
  [
    'a forged images cursor',
    () => gql(me, '{ images(first: 5, after: "bm90LWEtY3Vyc29y") { edges { cursor } } }'),
    coded('INVALID_INPUT'),
  ],
  [
    'an images cursor with SQL for its id',
    () =>
      gql(me, 'query($c: String) { images(first: 5, before: $c) { edges { cursor } } }', {
        c: cursor("2026-01-01T00:00:00.000Z|1' or '1'='1"),
      }),
    coded('INVALID_INPUT'),
  ],
  [
    'a jobs cursor that is not base64',
    () => gql(me, '{ jobs(first: 5, after: "~~~ not base64 ~~~") { edges { cursor } } }'),
    coded('INVALID_INPUT'),
  ],
  ['a negative page size', () => gql(me, '{ images(first: -1) { edges { cursor } } }'), coded()],
  [
    'a gallery filter on a provider with a NUL character',
    () =>
      gql(me, 'query($f: ImageQueryParams) { images(first: 5, filter: $f) { edges { cursor } } }', {
        f: { provider: 'local\u0000' },
      }),
    noneOrCoded('images'),
  ],
  [
    'a gallery filter on a tag with a NUL character',
    () =>
      gql(me, 'query($f: ImageQueryParams) { images(first: 5, filter: $f) { edges { cursor } } }', {
        f: { tags: ['sea\u0000'] },
      }),
    noneOrCoded('images'),
  ],
  [
    'a gallery filter on a forged batch id',
    () =>
      gql(me, 'query($f: ImageQueryParams) { images(first: 5, filter: $f) { edges { cursor } } }', {
        f: { batchId: 'not-a-global-id' },
      }),
    noneOrCoded('images'),
  ],
  [
    'a gallery filter on the id of an image as its batch',
    () =>
      gql(me, 'query($f: ImageQueryParams) { images(first: 5, filter: $f) { edges { cursor } } }', {
        f: { batchId: imageGid() },
      }),
    noneOrCoded('images'),
  ],
  [
    'a gallery filter on a batch id with SQL for its id',
    () =>
      gql(me, 'query($f: ImageQueryParams) { images(first: 5, filter: $f) { edges { cursor } } }', {
        f: { batchId: globalId('Batch', "1' or '1'='1") },
      }),
    noneOrCoded('images'),
  ],
  [
    'a gallery filter on a date that is no date',
    () =>
      gql(me, 'query($f: ImageQueryParams) { images(first: 5, filter: $f) { edges { cursor } } }', {
        f: { startDate: 'last week' },
      }),
    refused(400),
  ],
];

export const imageJobGroups: [string, Case[]][] = [['ids, cursors and filters', ids]];
