/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation DeleteImageDialog_DeleteImage($id: ID!) {\n    deleteImage(id: $id) {\n      __typename\n      ... on DeleteImagePayload {\n        deletedImageId\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": typeof types.DeleteImageDialog_DeleteImageDocument,
    "\n  fragment GalleryTile_Image on Image {\n    id\n    url\n    prompt\n    width\n    height\n    thumbhash\n    provider\n    createdAt\n    thumbnails {\n      size\n      url\n      width\n      height\n    }\n  }\n": typeof types.GalleryTile_ImageFragmentDoc,
    "\n  fragment ImageDetails_Image on Image {\n    id\n    url\n    mime\n    bytes\n    width\n    height\n    thumbhash\n    prompt\n    negativePrompt\n    style\n    seed\n    provider\n    model\n    params\n    operation\n    createdAt\n    thumbnails {\n      size\n      url\n      width\n      height\n    }\n  }\n": typeof types.ImageDetails_ImageFragmentDoc,
    "\n  query GalleryGrid_Images($filter: ImageQueryParams, $first: Int!, $after: String) {\n    images(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...GalleryTile_Image\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.GalleryGrid_ImagesDocument,
    "\n  mutation GenerateForm_GenerateImages($input: GenerateImagesInput!) {\n    generateImages(input: $input) {\n      __typename\n      ... on Job {\n        ...JobCard_Job\n      }\n      ... on InvalidInputError {\n        code\n        message\n        issues {\n          field\n          message\n        }\n      }\n      ... on BaseError {\n        code\n        message\n        retryable\n      }\n    }\n  }\n": typeof types.GenerateForm_GenerateImagesDocument,
    "\n  query GenerateForm_Providers {\n    providers {\n      id\n      displayName\n      description\n      available\n      unavailableReason\n      capabilities {\n        defaultModel\n        maxCount\n        maxPromptLength\n        models {\n          id\n          name\n          description\n        }\n        size {\n          min\n          max\n          multipleOf\n          maxPixels\n        }\n        steps {\n          min\n          max\n          default\n        }\n        styles\n        supportsNegativePrompt\n        supportsQuality\n        supportsSeed\n      }\n    }\n  }\n": typeof types.GenerateForm_ProvidersDocument,
    "\n  query ActiveJobs_Jobs($statuses: [JobStatus!], $first: Int!) {\n    jobs(statuses: $statuses, first: $first) {\n      edges {\n        cursor\n        node {\n          ...JobCard_Job\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ActiveJobs_JobsDocument,
    "\n  fragment JobCard_Job on Job {\n    id\n    status\n    stage\n    progress\n    seq\n    preview\n    queuePosition\n    provider\n    createdAt\n    input {\n      prompt\n      count\n      width\n      height\n      model\n    }\n    error {\n      code\n      message\n    }\n    images {\n      ...GalleryTile_Image\n    }\n  }\n": typeof types.JobCard_JobFragmentDoc,
    "\n  query JobCard_JobById($id: ID!) {\n    job(id: $id) {\n      ...JobCard_Job\n    }\n  }\n": typeof types.JobCard_JobByIdDocument,
    "\n  mutation JobCard_CancelJob($id: ID!) {\n    cancelJob(id: $id) {\n      __typename\n      ... on Job {\n        ...JobCard_Job\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": typeof types.JobCard_CancelJobDocument,
    "\n  subscription JobWatcher_JobUpdated($id: ID!, $afterSeq: Int) {\n    jobUpdated(id: $id, afterSeq: $afterSeq) {\n      ...JobCard_Job\n    }\n  }\n": typeof types.JobWatcher_JobUpdatedDocument,
    "\n  fragment UrqlCache_ImageEdge on QueryImagesConnectionEdge {\n    cursor\n    node {\n      id\n    }\n  }\n": typeof types.UrqlCache_ImageEdgeFragmentDoc,
    "\n  fragment UrqlCache_JobEdge on QueryJobsConnectionEdge {\n    cursor\n    node {\n      id\n    }\n  }\n": typeof types.UrqlCache_JobEdgeFragmentDoc,
    "\n  query ImageDetailPage_Image($id: ID!) {\n    image(id: $id) {\n      ...ImageDetails_Image\n    }\n  }\n": typeof types.ImageDetailPage_ImageDocument,
};
const documents: Documents = {
    "\n  mutation DeleteImageDialog_DeleteImage($id: ID!) {\n    deleteImage(id: $id) {\n      __typename\n      ... on DeleteImagePayload {\n        deletedImageId\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": types.DeleteImageDialog_DeleteImageDocument,
    "\n  fragment GalleryTile_Image on Image {\n    id\n    url\n    prompt\n    width\n    height\n    thumbhash\n    provider\n    createdAt\n    thumbnails {\n      size\n      url\n      width\n      height\n    }\n  }\n": types.GalleryTile_ImageFragmentDoc,
    "\n  fragment ImageDetails_Image on Image {\n    id\n    url\n    mime\n    bytes\n    width\n    height\n    thumbhash\n    prompt\n    negativePrompt\n    style\n    seed\n    provider\n    model\n    params\n    operation\n    createdAt\n    thumbnails {\n      size\n      url\n      width\n      height\n    }\n  }\n": types.ImageDetails_ImageFragmentDoc,
    "\n  query GalleryGrid_Images($filter: ImageQueryParams, $first: Int!, $after: String) {\n    images(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...GalleryTile_Image\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.GalleryGrid_ImagesDocument,
    "\n  mutation GenerateForm_GenerateImages($input: GenerateImagesInput!) {\n    generateImages(input: $input) {\n      __typename\n      ... on Job {\n        ...JobCard_Job\n      }\n      ... on InvalidInputError {\n        code\n        message\n        issues {\n          field\n          message\n        }\n      }\n      ... on BaseError {\n        code\n        message\n        retryable\n      }\n    }\n  }\n": types.GenerateForm_GenerateImagesDocument,
    "\n  query GenerateForm_Providers {\n    providers {\n      id\n      displayName\n      description\n      available\n      unavailableReason\n      capabilities {\n        defaultModel\n        maxCount\n        maxPromptLength\n        models {\n          id\n          name\n          description\n        }\n        size {\n          min\n          max\n          multipleOf\n          maxPixels\n        }\n        steps {\n          min\n          max\n          default\n        }\n        styles\n        supportsNegativePrompt\n        supportsQuality\n        supportsSeed\n      }\n    }\n  }\n": types.GenerateForm_ProvidersDocument,
    "\n  query ActiveJobs_Jobs($statuses: [JobStatus!], $first: Int!) {\n    jobs(statuses: $statuses, first: $first) {\n      edges {\n        cursor\n        node {\n          ...JobCard_Job\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ActiveJobs_JobsDocument,
    "\n  fragment JobCard_Job on Job {\n    id\n    status\n    stage\n    progress\n    seq\n    preview\n    queuePosition\n    provider\n    createdAt\n    input {\n      prompt\n      count\n      width\n      height\n      model\n    }\n    error {\n      code\n      message\n    }\n    images {\n      ...GalleryTile_Image\n    }\n  }\n": types.JobCard_JobFragmentDoc,
    "\n  query JobCard_JobById($id: ID!) {\n    job(id: $id) {\n      ...JobCard_Job\n    }\n  }\n": types.JobCard_JobByIdDocument,
    "\n  mutation JobCard_CancelJob($id: ID!) {\n    cancelJob(id: $id) {\n      __typename\n      ... on Job {\n        ...JobCard_Job\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": types.JobCard_CancelJobDocument,
    "\n  subscription JobWatcher_JobUpdated($id: ID!, $afterSeq: Int) {\n    jobUpdated(id: $id, afterSeq: $afterSeq) {\n      ...JobCard_Job\n    }\n  }\n": types.JobWatcher_JobUpdatedDocument,
    "\n  fragment UrqlCache_ImageEdge on QueryImagesConnectionEdge {\n    cursor\n    node {\n      id\n    }\n  }\n": types.UrqlCache_ImageEdgeFragmentDoc,
    "\n  fragment UrqlCache_JobEdge on QueryJobsConnectionEdge {\n    cursor\n    node {\n      id\n    }\n  }\n": types.UrqlCache_JobEdgeFragmentDoc,
    "\n  query ImageDetailPage_Image($id: ID!) {\n    image(id: $id) {\n      ...ImageDetails_Image\n    }\n  }\n": types.ImageDetailPage_ImageDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteImageDialog_DeleteImage($id: ID!) {\n    deleteImage(id: $id) {\n      __typename\n      ... on DeleteImagePayload {\n        deletedImageId\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteImageDialog_DeleteImage($id: ID!) {\n    deleteImage(id: $id) {\n      __typename\n      ... on DeleteImagePayload {\n        deletedImageId\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment GalleryTile_Image on Image {\n    id\n    url\n    prompt\n    width\n    height\n    thumbhash\n    provider\n    createdAt\n    thumbnails {\n      size\n      url\n      width\n      height\n    }\n  }\n"): (typeof documents)["\n  fragment GalleryTile_Image on Image {\n    id\n    url\n    prompt\n    width\n    height\n    thumbhash\n    provider\n    createdAt\n    thumbnails {\n      size\n      url\n      width\n      height\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ImageDetails_Image on Image {\n    id\n    url\n    mime\n    bytes\n    width\n    height\n    thumbhash\n    prompt\n    negativePrompt\n    style\n    seed\n    provider\n    model\n    params\n    operation\n    createdAt\n    thumbnails {\n      size\n      url\n      width\n      height\n    }\n  }\n"): (typeof documents)["\n  fragment ImageDetails_Image on Image {\n    id\n    url\n    mime\n    bytes\n    width\n    height\n    thumbhash\n    prompt\n    negativePrompt\n    style\n    seed\n    provider\n    model\n    params\n    operation\n    createdAt\n    thumbnails {\n      size\n      url\n      width\n      height\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GalleryGrid_Images($filter: ImageQueryParams, $first: Int!, $after: String) {\n    images(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...GalleryTile_Image\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query GalleryGrid_Images($filter: ImageQueryParams, $first: Int!, $after: String) {\n    images(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...GalleryTile_Image\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GenerateForm_GenerateImages($input: GenerateImagesInput!) {\n    generateImages(input: $input) {\n      __typename\n      ... on Job {\n        ...JobCard_Job\n      }\n      ... on InvalidInputError {\n        code\n        message\n        issues {\n          field\n          message\n        }\n      }\n      ... on BaseError {\n        code\n        message\n        retryable\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation GenerateForm_GenerateImages($input: GenerateImagesInput!) {\n    generateImages(input: $input) {\n      __typename\n      ... on Job {\n        ...JobCard_Job\n      }\n      ... on InvalidInputError {\n        code\n        message\n        issues {\n          field\n          message\n        }\n      }\n      ... on BaseError {\n        code\n        message\n        retryable\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GenerateForm_Providers {\n    providers {\n      id\n      displayName\n      description\n      available\n      unavailableReason\n      capabilities {\n        defaultModel\n        maxCount\n        maxPromptLength\n        models {\n          id\n          name\n          description\n        }\n        size {\n          min\n          max\n          multipleOf\n          maxPixels\n        }\n        steps {\n          min\n          max\n          default\n        }\n        styles\n        supportsNegativePrompt\n        supportsQuality\n        supportsSeed\n      }\n    }\n  }\n"): (typeof documents)["\n  query GenerateForm_Providers {\n    providers {\n      id\n      displayName\n      description\n      available\n      unavailableReason\n      capabilities {\n        defaultModel\n        maxCount\n        maxPromptLength\n        models {\n          id\n          name\n          description\n        }\n        size {\n          min\n          max\n          multipleOf\n          maxPixels\n        }\n        steps {\n          min\n          max\n          default\n        }\n        styles\n        supportsNegativePrompt\n        supportsQuality\n        supportsSeed\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ActiveJobs_Jobs($statuses: [JobStatus!], $first: Int!) {\n    jobs(statuses: $statuses, first: $first) {\n      edges {\n        cursor\n        node {\n          ...JobCard_Job\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ActiveJobs_Jobs($statuses: [JobStatus!], $first: Int!) {\n    jobs(statuses: $statuses, first: $first) {\n      edges {\n        cursor\n        node {\n          ...JobCard_Job\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment JobCard_Job on Job {\n    id\n    status\n    stage\n    progress\n    seq\n    preview\n    queuePosition\n    provider\n    createdAt\n    input {\n      prompt\n      count\n      width\n      height\n      model\n    }\n    error {\n      code\n      message\n    }\n    images {\n      ...GalleryTile_Image\n    }\n  }\n"): (typeof documents)["\n  fragment JobCard_Job on Job {\n    id\n    status\n    stage\n    progress\n    seq\n    preview\n    queuePosition\n    provider\n    createdAt\n    input {\n      prompt\n      count\n      width\n      height\n      model\n    }\n    error {\n      code\n      message\n    }\n    images {\n      ...GalleryTile_Image\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JobCard_JobById($id: ID!) {\n    job(id: $id) {\n      ...JobCard_Job\n    }\n  }\n"): (typeof documents)["\n  query JobCard_JobById($id: ID!) {\n    job(id: $id) {\n      ...JobCard_Job\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JobCard_CancelJob($id: ID!) {\n    cancelJob(id: $id) {\n      __typename\n      ... on Job {\n        ...JobCard_Job\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation JobCard_CancelJob($id: ID!) {\n    cancelJob(id: $id) {\n      __typename\n      ... on Job {\n        ...JobCard_Job\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription JobWatcher_JobUpdated($id: ID!, $afterSeq: Int) {\n    jobUpdated(id: $id, afterSeq: $afterSeq) {\n      ...JobCard_Job\n    }\n  }\n"): (typeof documents)["\n  subscription JobWatcher_JobUpdated($id: ID!, $afterSeq: Int) {\n    jobUpdated(id: $id, afterSeq: $afterSeq) {\n      ...JobCard_Job\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UrqlCache_ImageEdge on QueryImagesConnectionEdge {\n    cursor\n    node {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment UrqlCache_ImageEdge on QueryImagesConnectionEdge {\n    cursor\n    node {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UrqlCache_JobEdge on QueryJobsConnectionEdge {\n    cursor\n    node {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment UrqlCache_JobEdge on QueryJobsConnectionEdge {\n    cursor\n    node {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImageDetailPage_Image($id: ID!) {\n    image(id: $id) {\n      ...ImageDetails_Image\n    }\n  }\n"): (typeof documents)["\n  query ImageDetailPage_Image($id: ID!) {\n    image(id: $id) {\n      ...ImageDetails_Image\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;