import { describe, expect, it } from 'vitest';
import { fileDownloadHref, selectionZipHref } from './downloads';

describe('download links', () => {
  it('asks for an attachment, keeping a share token and asking for WebP when wanted', () => {
    expect(fileDownloadHref('/files/ab/abc.png')).toBe('/files/ab/abc.png?download=1');
    expect(fileDownloadHref('/files/ab/abc.png?share=tok', 'webp')).toBe(
      '/files/ab/abc.png?share=tok&download=1&format=webp',
    );
  });

  it('puts global ids (which may hold / + =) safely in a selection URL', () => {
    expect(selectionZipHref(['SW1hZ2U6YQ==', 'a/b+c'])).toBe(
      '/downloads/images.zip?ids=SW1hZ2U6YQ%3D%3D,a%2Fb%2Bc',
    );
  });
});
