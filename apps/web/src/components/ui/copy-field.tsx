import { useEffect, useRef, useState, type ReactNode } from 'react';
import { copyText } from '../../lib/clipboard';
import { Field } from './field';
import { CopyIcon } from './icons';
import './copy-field.css';

interface CopyFieldProps {
  label: string;
  value: string;
  /** The copy button's name, e.g. "Copy link". */
  copyLabel: string;
  hint?: ReactNode;
  multiline?: boolean;
  className?: string;
  autoFocus?: boolean;
}

/** A read-only value with a Copy button; it is selected on focus, so Ctrl+C works as well. */
export function CopyField({
  label,
  value,
  copyLabel,
  hint,
  multiline = false,
  className,
  autoFocus,
}: CopyFieldProps) {
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), 4000);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    setCopied((await copyText(value, ref.current)) ? 'yes' : 'no');
  };

  return (
    <Field label={label} hint={hint} className={`copy-field ${className ?? ''}`}>
      {(control) => (
        <div className="copy-row">
          {multiline ? (
            <textarea
              {...control}
              ref={ref}
              className="input copy-input copy-input-multiline"
              value={value}
              readOnly
              rows={value.split('\n').length}
              spellCheck={false}
              onFocus={(event) => event.currentTarget.select()}
            />
          ) : (
            <input
              {...control}
              ref={ref}
              className="input copy-input"
              value={value}
              readOnly
              spellCheck={false}
              autoFocus={autoFocus}
              onFocus={(event) => event.currentTarget.select()}
            />
          )}
          <button type="button" className="button" onClick={() => void copy()}>
            <CopyIcon />
            <span>{copyLabel}</span>
          </button>
          <span className="copy-status" role="status">
            {copied === 'yes' ? 'Copied.' : copied === 'no' ? 'Press Ctrl+C (⌘C) to copy.' : ''}
          </span>
        </div>
      )}
    </Field>
  );
}
