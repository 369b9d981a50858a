import { useRef, useState, type FormEvent } from 'react';
import { Field } from '../ui/field';
import { Modal } from '../ui/modal';
import { useImports } from './import-provider';
import { IMPORT_ACCEPT } from './import-limits';

/** The gallery's "Import" button: files from this computer, or an image from a URL. */
export function ImportButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Import
      </button>
      <Modal open={open} onClose={() => setOpen(false)} title="Import images" className="import-dialog">
        <ImportForm onDone={() => setOpen(false)} />
      </Modal>
    </>
  );
}

function ImportForm({ onDone }: { onDone: () => void }) {
  const { importFiles, importUrl } = useImports();
  const input = useRef<HTMLInputElement>(null);
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    if (!/^https?:\/\/\S+$/i.test(url.trim())) {
      setError('Enter the address of an image, starting with https:// or http://.');
      return;
    }
    setError(null);
    setPending(true);
    const failure = await importUrl(url.trim());
    setPending(false);
    if (failure) setError(failure);
    else onDone();
  };

  return (
    <div className="import-form">
      <p className="import-hint">
        PNG, JPEG or WebP, at most 20 MB and 50 megapixels. You can also drop images anywhere on the app, or
        paste one with <kbd>Ctrl</kbd>+<kbd>V</kbd>.
      </p>
      <input
        ref={input}
        type="file"
        accept={IMPORT_ACCEPT}
        multiple
        hidden
        data-testid="import-file-input"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          if (files.length === 0) return;
          importFiles(files);
          onDone();
        }}
      />
      <button type="button" className="button button-primary" onClick={() => input.current?.click()}>
        Choose files…
      </button>
      <form className="import-url-form" noValidate onSubmit={(event) => void submit(event)}>
        <Field label="Or import from a URL" error={error}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="url"
              inputMode="url"
              placeholder="https://example.com/picture.png"
              value={url}
              onChange={(event) => {
                setUrl(event.target.value);
                setError(null);
              }}
            />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button" aria-busy={pending || undefined} disabled={pending}>
            {pending ? 'Importing…' : 'Import from URL'}
          </button>
        </div>
      </form>
    </div>
  );
}
