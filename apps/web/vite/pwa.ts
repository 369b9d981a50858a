import { VitePWA } from 'vite-plugin-pwa';

/**
 * The installable app: a web app manifest and Atelier's own service worker (`sw/`), which
 * precaches the build (not its .br/.gz twins or source maps) so the studio opens with no network.
 * The page registers it after first paint (`src/lib/offline/service-worker.ts`), so it adds nothing
 * to the initial JavaScript.
 */
export function installableApp() {
  return VitePWA({
    strategies: 'injectManifest',
    srcDir: 'sw',
    filename: 'service-worker.ts',
    registerType: 'prompt',
    injectRegister: false,
    injectManifest: {
      globPatterns: ['**/*.{js,css,html,svg,png,woff2,webmanifest}'],
      globIgnores: ['**/*.map', 'stats.html'],
    },
    includeAssets: ['favicon.svg', 'icons/apple-touch-icon.png'],
    manifest: {
      id: '/',
      name: 'Atelier',
      short_name: 'Atelier',
      description: 'An open image-generation studio',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      // The dark theme is the default; index.html pairs a light theme-color by media query.
      theme_color: '#0e0e10',
      background_color: '#0e0e10',
      categories: ['photo', 'graphics', 'productivity'],
      icons: [
        { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
      ],
    },
    devOptions: { enabled: false },
  });
}
