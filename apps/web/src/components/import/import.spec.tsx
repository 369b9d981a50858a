// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { imageFixture, imagesPage, refusalFixture, sessionFixture } from '../../lib/testing/fixtures';
import { renderApp } from '../../lib/testing/render-app';

const VIEW = { width: 1320, height: 760 };

beforeEach(() => {
  window.localStorage.clear();
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(VIEW.width);
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(VIEW.height);
  vi.spyOn(HTMLElement.prototype, 'offsetWidth', 'get').mockReturnValue(VIEW.width);
  vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(VIEW.height);
});
afterEach(() => vi.restoreAllMocks());

function png(name = 'cat.png', size?: number): File {
  const file = new File([new Uint8Array([137, 80, 78, 71])], name, { type: 'image/png' });
  if (size !== undefined) Object.defineProperty(file, 'size', { value: size });
  return file;
}

const imported = (n: number) =>
  imageFixture(n, {
    prompt: 'cat',
    provider: 'import',
    model: 'import',
    operation: 'IMPORT',
    deletedAt: null,
  });

function invalid(field: string, message: string) {
  return {
    ...refusalFixture('InvalidInputError'),
    message: 'Invalid input',
    issues: [{ __typename: 'FieldIssue', field, message }],
  };
}

function gallery(fixtures: Record<string, (variables: Record<string, unknown>) => unknown>) {
  return renderApp('/gallery', {
    SessionRoot_Session: () => sessionFixture(),
    GalleryGrid_Images: () => imagesPage([imageFixture(1)]),
    ...fixtures,
  });
}

async function openImportDialog(app: ReturnType<typeof gallery>) {
  await app.user.click(await screen.findByRole('button', { name: 'Import' }, { timeout: 5000 }));
  return screen.findByRole('dialog', { name: 'Import images' });
}

// The first render loads the lazy pages; on a busy machine that alone can take seconds.
describe('Bringing your own images', { timeout: 15_000 }, () => {
  it('uploads a chosen file and puts it on top of the gallery, with a link to open it', async () => {
    const sent: unknown[] = [];
    const app = gallery({
      ImportImage_Upload: (variables) => {
        sent.push(variables.file);
        return { importImage: imported(7) };
      },
    });
    const dialog = await openImportDialog(app);
    await app.user.upload(within(dialog).getByTestId('import-file-input'), png());

    expect(await screen.findByText('Imported cat.png. It is in your gallery.')).toBeTruthy();
    expect((sent[0] as File).name).toBe('cat.png');
    await waitFor(() => expect(document.querySelector('a[href="/images/img-7"]')).toBeTruthy());
    await app.user.click(screen.getByRole('button', { name: 'Open' }));
    expect(app.location()).toBe('/images/img-7');
  });

  it('says in words why the server refused a file', async () => {
    const app = gallery({
      ImportImage_Upload: () => ({ importImage: invalid('file', 'the image is larger than 50 megapixels') }),
    });
    const dialog = await openImportDialog(app);
    await app.user.upload(within(dialog).getByTestId('import-file-input'), png('huge.png'));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Could not import huge.png: The image is larger than 50 megapixels.',
    );
  });

  it('refuses a file over 20 MB before sending it', async () => {
    const app = gallery({});
    const dialog = await openImportDialog(app);
    await app.user.upload(within(dialog).getByTestId('import-file-input'), png('big.png', 25 * 1024 * 1024));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'big.png is 25.0 MB; images can be at most 20 MB.',
    );
    expect(app.clients[0]!.requests).not.toContain('ImportImage_Upload');
  });

  it('imports from a URL, and shows a refused URL beside the field', async () => {
    const urls: unknown[] = [];
    const app = gallery({
      ImportImage_FromUrl: (variables) => {
        urls.push(variables.url);
        return variables.url === 'http://10.0.0.1/x.png'
          ? { importImageFromUrl: invalid('url', 'the address is not public') }
          : { importImageFromUrl: imported(8) };
      },
    });
    let dialog = await openImportDialog(app);
    const field = within(dialog).getByLabelText('Or import from a URL');
    await app.user.type(field, 'http://10.0.0.1/x.png');
    await app.user.click(within(dialog).getByRole('button', { name: 'Import from URL' }));
    expect(await within(dialog).findByText('The address is not public.')).toBeTruthy();

    await app.user.clear(field);
    await app.user.type(field, 'https://images.example/cat.png');
    await app.user.click(within(dialog).getByRole('button', { name: 'Import from URL' }));
    await waitFor(() => expect(document.querySelector('a[href="/images/img-8"]')).toBeTruthy());
    expect(urls).toEqual(['http://10.0.0.1/x.png', 'https://images.example/cat.png']);
    dialog = screen.queryByRole('dialog', { name: 'Import images' }) as HTMLElement;
    expect(dialog).toBeNull();
  });

  it('imports an image pasted anywhere in the app', async () => {
    const sent: File[] = [];
    gallery({
      ImportImage_Upload: (variables) => {
        sent.push(variables.file as File);
        return { importImage: imported(9) };
      },
    });
    await screen.findByRole('button', { name: 'Import' }, { timeout: 5000 });
    fireEvent.paste(document.body, { clipboardData: { files: [png('image.png')], types: ['Files'] } });
    expect(await screen.findByText('Imported image.png. It is in your gallery.')).toBeTruthy();
    expect(sent.map((file) => file.name)).toEqual(['image.png']);
  });

  it('shows a drop zone while files are dragged over the app, and imports what is dropped', async () => {
    const sent: File[] = [];
    gallery({
      ImportImage_Upload: (variables) => {
        sent.push(variables.file as File);
        return { importImage: imported(10) };
      },
    });
    await screen.findByRole('button', { name: 'Import' }, { timeout: 5000 });
    const dataTransfer = { types: ['Files'], files: [png('dropped.png')], dropEffect: 'none' };
    fireEvent.dragEnter(document.body, { dataTransfer });
    expect(await screen.findByText('Drop images to add them to your gallery')).toBeTruthy();
    fireEvent.drop(document.body, { dataTransfer });
    expect(screen.queryByText('Drop images to add them to your gallery')).toBeNull();
    expect(await screen.findByText('Imported dropped.png. It is in your gallery.')).toBeTruthy();
    expect(sent.map((file) => file.name)).toEqual(['dropped.png']);
  });
});
