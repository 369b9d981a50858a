import {
  RESOURCE_MIME_TYPE,
  RESOURCE_URI_META_KEY,
  registerAppResource,
} from '@modelcontextprotocol/ext-apps/server';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { galleryHtml } from './gallery-html';

/** The MCP App (ui:// resource) that clients rendering MCP Apps show for generate_images and search_images. */
export const GALLERY_APP_URI = 'ui://atelier/gallery.html';

/**
 * The `_meta` a tool carries to point such clients at the app: `ui.resourceUri`, and the flat
 * `ui/resourceUri` key hosts of the first MCP Apps drafts read (ext-apps' registerAppTool sets both).
 */
export const galleryAppMeta = {
  ui: { resourceUri: GALLERY_APP_URI },
  [RESOURCE_URI_META_KEY]: GALLERY_APP_URI,
} as const;

/** Registers the gallery app's HTML (one self-contained page) as the `ui://` resource hosts fetch. */
export function registerGalleryApp(server: McpServer): void {
  registerAppResource(
    server,
    'Atelier gallery',
    GALLERY_APP_URI,
    {
      title: 'Atelier gallery',
      description:
        'A live gallery of the images generate_images and search_images return, with Vary, Enhance and Add to collection buttons.',
    },
    async () => ({
      contents: [
        {
          uri: GALLERY_APP_URI,
          mimeType: RESOURCE_MIME_TYPE,
          text: await galleryHtml(),
          // Images arrive inline (data: URLs) and actions go through the host: no network access asked for.
          _meta: { ui: { prefersBorder: true } },
        },
      ],
    }),
  );
}
