import { type ChangeEvent, useId } from 'react';
import { Field } from '../ui/field';
import { MAX_BATCH_ITEMS, type ParsedPrompts } from './batch-input';

const PREVIEW_ROWS = 8;

interface PromptListPanelProps {
  text: string;
  parsed: ParsedPrompts;
  error?: string | undefined;
  onTextChange: (text: string) => void;
}

/** Prompts one per line, or a pasted or uploaded CSV, with what was read shown before running. */
export function PromptListPanel({ text, parsed, error, onTextChange }: PromptListPanelProps) {
  const uploadId = useId();
  const count = parsed.prompts.length;
  const tooMany = count > MAX_BATCH_ITEMS;

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) onTextChange(await file.text());
    event.target.value = '';
  };

  return (
    <div className="batch-panel">
      <Field
        label="Prompts"
        error={error}
        hint='One prompt per line — or paste a CSV whose header has a "prompt" column (and optionally "negativePrompt" and "seed").'
      >
        {(control) => (
          <textarea
            {...control}
            className="input batch-prompts"
            rows={8}
            value={text}
            placeholder={
              'a red fox in fresh snow\na lighthouse at dusk, long exposure\nan owl on a mossy branch'
            }
            onChange={(event) => onTextChange(event.target.value)}
          />
        )}
      </Field>
      <div className="batch-upload">
        <label htmlFor={uploadId} className="button button-small">
          Upload CSV
        </label>
        <input
          id={uploadId}
          className="visually-hidden"
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={(event) => void upload(event)}
        />
        <p className={tooMany ? 'field-error' : 'muted'} role="status">
          {count === 0
            ? 'No prompts yet.'
            : `${count} ${count === 1 ? 'prompt' : 'prompts'} read${tooMany ? ` — at most ${MAX_BATCH_ITEMS} per batch` : ''}.`}
        </p>
      </div>
      {parsed.problems.length > 0 && (
        <ul className="batch-problems" aria-label="Problems in the list">
          {parsed.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      {count > 0 && (
        <div className="table-wrap">
          <table className="batch-preview">
            <caption className="visually-hidden">Prompts read</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Prompt</th>
                <th scope="col">Negative prompt</th>
                <th scope="col">Seed</th>
              </tr>
            </thead>
            <tbody>
              {parsed.prompts.slice(0, PREVIEW_ROWS).map((item, index) => (
                <tr key={index}>
                  <td className="num">{index + 1}</td>
                  <td>{item.prompt}</td>
                  <td>{item.negativePrompt ?? '—'}</td>
                  <td className="num">{item.seed ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {count > PREVIEW_ROWS && <p className="muted">…and {count - PREVIEW_ROWS} more.</p>}
        </div>
      )}
    </div>
  );
}
