import { graphql } from '../../gql';

/* What an import asks back: a gallery tile (so the lists can place it at once), or why it was refused. */

export const ImportImage_Upload = graphql(`
  mutation ImportImage_Upload($file: File!) {
    importImage(file: $file) {
      __typename
      ... on Image {
        ...GalleryTile_Image
        tags
        operation
        model
        deletedAt
      }
      ...FormErrors_Error
    }
  }
`);

export const ImportImage_FromUrl = graphql(`
  mutation ImportImage_FromUrl($url: String!) {
    importImageFromUrl(url: $url) {
      __typename
      ... on Image {
        ...GalleryTile_Image
        tags
        operation
        model
        deletedAt
      }
      ...FormErrors_Error
    }
  }
`);
