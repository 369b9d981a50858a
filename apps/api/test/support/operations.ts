/** The operations tests send, written as a third-party client would. */
export const GenerateImages = /* GraphQL */ `
  mutation Generate($input: GenerateImagesInput!) {
    generateImages(input: $input) {
      __typename
      ... on Job {
        id
        status
        seq
        progress
        provider
        input {
          prompt
          width
          height
          count
          seed
          steps
          model
          quality
        }
      }
      ... on Error {
        code
        message
        retryable
      }
      ... on InvalidInputError {
        issues {
          field
          message
        }
      }
    }
  }
`;

export const JobFields = /* GraphQL */ `
  fragment JobFields on Job {
    id
    status
    stage
    progress
    seq
    preview
    queuePosition
    error {
      code
      message
      retryable
    }
    images {
      id
      width
      height
      prompt
      seed
      url
      thumbhash
      thumbnails {
        size
        url
        width
        height
      }
    }
  }
`;

export const JobUpdated = /* GraphQL */ `
  subscription Updated($id: ID!, $afterSeq: Int) {
    jobUpdated(id: $id, afterSeq: $afterSeq) {
      ...JobFields
    }
  }
  ${JobFields}
`;

export const Images = /* GraphQL */ `
  query Images($first: Int, $after: String, $last: Int, $before: String, $filter: ImageQueryParams) {
    images(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
      edges {
        cursor
        node {
          id
          prompt
          provider
          tags
          createdAt
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`;

export const CancelJob = /* GraphQL */ `
  mutation Cancel($id: ID!) {
    cancelJob(id: $id) {
      __typename
      ... on Job {
        id
        status
        images {
          id
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`;
