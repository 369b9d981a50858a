import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { ImageEditor } from '../components/editor/image-editor';
import { fromSavedEdit } from '../components/editor/operations-input';
import { EmptyState, ErrorState, LoadingState } from '../components/ui/view-state';
import { graphql } from '../gql';
import { imageEditHref } from '../lib/links';
import '../components/editor/editor.css';

export const ImageEditorPage_Image = graphql(`
  query ImageEditorPage_Image($id: ID!) {
    image(id: $id) {
      id
      url
      width
      height
      prompt
      parent {
        id
      }
      editOperations {
        ...ImageEditorPage_SavedEdit
      }
    }
  }
`);

export const ImageEditorPage_SavedEdit = graphql(`
  fragment ImageEditorPage_SavedEdit on ImageEditOperation {
    __typename
    ... on CropEdit {
      x
      y
      width
      height
    }
    ... on RotateEdit {
      quarterTurns
    }
    ... on StraightenEdit {
      angle
    }
    ... on FlipEdit {
      axis
    }
    ... on ResizeEdit {
      width
      height
    }
    ... on AdjustEdit {
      exposure
      brightness
      contrast
      saturation
      vibrance
      temperature
      tint
      hue
      highlights
      shadows
      sharpen
      blur
      vignette
      look
    }
  }
`);

/** `/images/:id/edit`: the editor, full screen, on the image's original. */
export default function ImageEditorPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  // "Edit again": the image saved from the editor whose list to start from (this image is its parent).
  const reopenId = params.get('reopen');
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: ImageEditorPage_Image,
    variables: { id },
  });
  const [reopened] = useQuery({
    query: ImageEditorPage_Image,
    variables: { id: reopenId ?? '' },
    pause: !reopenId,
  });
  const image = data?.image;
  const waitingForList = !!reopenId && !reopened.data && !reopened.error;

  if (!image || waitingForList) {
    let content;
    if (error && !data) {
      content = (
        <ErrorState
          what="this image"
          error={error}
          onRetry={() => reexecute({ requestPolicy: 'network-only' })}
        />
      );
    } else if (fetching || !data || waitingForList) {
      content = <LoadingState label="Opening the editor…" spinner className="editor-loading" />;
    } else {
      content = (
        <EmptyState title="Image not found" level={1}>
          It may have been deleted. Everything else is in the <Link to="/gallery">Gallery</Link>.
        </EmptyState>
      );
    }
    return <div className="editor editor-empty">{content}</div>;
  }

  const child = reopened.data?.image;
  const initialOperations =
    child && child.parent?.id === image.id && child.editOperations
      ? child.editOperations.map(fromSavedEdit)
      : null;
  const parent = image.parent;
  const offer =
    parent && image.editOperations && image.editOperations.length > 0 ? (
      <div className="editor-notice" role="note">
        <span>
          This picture was saved from the editor. To change those edits, reopen them on the original.
        </span>
        <Link className="button" to={`${imageEditHref(parent.id)}?reopen=${encodeURIComponent(image.id)}`}>
          Edit again from the original
        </Link>
      </div>
    ) : null;
  return (
    <ImageEditor
      key={`${image.id}:${reopenId ?? ''}`}
      image={{ id: image.id, url: image.url, width: image.width, height: image.height, prompt: image.prompt }}
      initialOperations={initialOperations}
      notice={offer}
    />
  );
}
