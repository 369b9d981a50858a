/** The MCP App (ui:// resource) that clients rendering MCP Apps show for generate_images and search_images. */
export const GALLERY_APP_URI = 'ui://atelier/gallery.html';

/** The `_meta` a tool carries to point such clients at the app. */
export const galleryAppMeta = { ui: { resourceUri: GALLERY_APP_URI } } as const;
