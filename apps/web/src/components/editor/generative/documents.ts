import { graphql } from '../../../gql';

/** Inpaint: the painted mask (a PNG of the picture's size) and what the area should become. */
export const Generative_EditImage = graphql(`
  mutation Generative_EditImage($input: EditImageInput!) {
    editImage(input: $input) {
      __typename
      ... on Job {
        ...JobCard_Job
      }
      ...FormErrors_Error
      ...QuotaMessage_Error
    }
  }
`);

/** Expand the canvas by margins in the picture's pixels. */
export const Generative_OutpaintImage = graphql(`
  mutation Generative_OutpaintImage($input: OutpaintImageInput!) {
    outpaintImage(input: $input) {
      __typename
      ... on Job {
        ...JobCard_Job
      }
      ...FormErrors_Error
      ...QuotaMessage_Error
    }
  }
`);
