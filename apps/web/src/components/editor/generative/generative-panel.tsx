import type { EditOperation } from '@atelier/image-edits';
import { useState } from 'react';
import { WithProviders } from '../../image-actions/action-form';
import { useEditor, type Size } from '../editor-context';
import { InpaintSection } from './inpaint-section';
import { MaskSession } from './mask-session';
import { OutpaintSection } from './outpaint-section';
import { ReferenceSection } from './reference-section';
import './generative.css';

type Mode = 'EDIT' | 'OUTPAINT' | 'VARIATION' | 'RESTYLE';

const MODES: readonly { value: Mode; label: string }[] = [
  { value: 'EDIT', label: 'Inpaint' },
  { value: 'OUTPAINT', label: 'Expand' },
  { value: 'VARIATION', label: 'Variations' },
  { value: 'RESTYLE', label: 'Restyle' },
];

/**
 * The mask survives switching tabs, and is dropped when the picture's geometry changes under it
 * (a crop, a turn or a flip moves every pixel; adjustments do not).
 */
let kept: { key: string; session: MaskSession } | null = null;

function maskSessionFor(imageId: string, size: Size, operations: readonly EditOperation[]): MaskSession {
  const geometry = operations.filter((operation) => operation.type !== 'adjust');
  const key = JSON.stringify([imageId, size.width, size.height, geometry]);
  if (kept?.key !== key) kept = { key, session: new MaskSession(size) };
  return kept.session;
}

/** The editor's "Generative" tab: inpaint, expand, variations and restyle from the picture as edited. */
export function GenerativePanel() {
  const editor = useEditor();
  const [mode, setMode] = useState<Mode>('EDIT');
  const session = maskSessionFor(editor.image.id, editor.size, editor.operations);
  return (
    <div className="editor-panel-body generative-panel">
      <div className="generative-row" role="group" aria-label="Generate from here">
        {MODES.map((option) => (
          <button
            key={option.value}
            type="button"
            className="chip"
            aria-pressed={mode === option.value}
            onClick={() => setMode(option.value)}
          >
            {option.label}
          </button>
        ))}
      </div>
      <WithProviders>
        {(providers) => {
          switch (mode) {
            case 'EDIT':
              return <InpaintSection providers={providers} session={session} />;
            case 'OUTPAINT':
              return <OutpaintSection providers={providers} />;
            case 'VARIATION':
            case 'RESTYLE':
              return <ReferenceSection key={mode} providers={providers} kind={mode} />;
          }
        }}
      </WithProviders>
    </div>
  );
}
