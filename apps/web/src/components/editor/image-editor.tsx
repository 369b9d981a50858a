import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { mergeAdjustments, type EditOperation } from '@atelier/image-edits';
import { imageHref } from '../../lib/links';
import { AdjustPanel } from './adjust-panel';
import { CompareSlider } from './compare-slider';
import { CropOverlay } from './crop-overlay';
import { fitRatio, initialCrop, type CropRatio, type Rect } from './crop-rect';
import { EditorContext, type EditorApi, type EditorImage, type EditorOverlay } from './editor-context';
import { useEditorShortcuts, type EditorCommand } from './editor-shortcuts';
import { EditorTabs, type Tab } from './editor-tabs';
import { EditorToolbar } from './editor-toolbar';
import { ShortcutsHelp } from './shortcuts-help';
import { EditorStage } from './editor-stage';
import { GenerativePanel } from './generative';
import { planGeometry } from './geometry-plan';
import {
  applyOperation,
  canRedo,
  canUndo,
  compactOperations,
  createHistory,
  currentStraighten,
  redo,
  replaceOperations,
  resetHistory,
  seal,
  undo,
  type History,
} from './history';
import { HistoryList } from './history-list';
import { describeOperation } from './operation-labels';
import { resolutionFor, type Frame } from './preview/frame';
import { usePreview } from './preview/use-preview';
import { cropOperations } from './provider-crops';
import { useSaveEdits, type OperationIssue } from './save-edits';
import { TransformPanel } from './transform-panel';
import { useDraft } from './use-draft';
import { useViewport, ZOOM_STEP } from './use-viewport';
import { useVisibleArea } from './use-visible-area';
import './editor.css';

interface ImageEditorProps {
  image: EditorImage;
  /** A list to start from ("Edit again"); otherwise a draft kept from earlier, or nothing. */
  initialOperations?: readonly EditOperation[] | null;
  /** Shown above the panel: an offer such as "Edit again". */
  notice?: ReactNode;
}

/**
 * The full-screen editor: the picture in a zoomable viewport with a live GPU preview, transform and
 * adjust panels, undo history, compare, and save (the list is applied on the server to the
 * full-resolution original, making a new image).
 */
export function ImageEditor({ image: given, initialOperations, notice }: ImageEditorProps) {
  const { id, url, width, height, prompt } = given;
  const image = useMemo(() => ({ id, url, width, height, prompt }), [id, url, width, height, prompt]);
  const navigate = useNavigate();
  const draft = useDraft(image);
  const [history, setHistory] = useState<History>(() =>
    createHistory(initialOperations ?? draft.initial ?? []),
  );
  const [refusal, setRefusal] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('transform');
  const [crop, setCrop] = useState<{ ratio: CropRatio; rect: Rect; for: string } | null>(null);
  const [split, setSplit] = useState<number | null>(null);
  const [showOriginal, setShowOriginal] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [overlay, setOverlay] = useState<EditorOverlay | null>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  // What Ctrl/⌘+Z undoes instead of the list while a panel holds it (the mask's strokes).
  const historyTarget = useRef<{ undo: () => void; redo: () => void } | null>(null);
  const setHistoryTarget = useCallback((target: { undo: () => void; redo: () => void } | null) => {
    historyTarget.current = target;
  }, []);
  const canvasHost = useRef<HTMLDivElement>(null);

  const operations = history.present;
  useEffect(() => draft.keep(operations), [draft, operations]);

  const source = useMemo(() => ({ width: image.width, height: image.height }), [image.width, image.height]);
  const plan = useMemo(() => planGeometry(source, operations), [source, operations]);
  const size = plan.size;
  const sizeKey = `${size.width}x${size.height}`;
  const adjustments = useMemo(() => mergeAdjustments(operations), [operations]);
  const cropping = crop && crop.for === sizeKey ? crop : null;

  const viewport = useViewport(boxRef, size, { leftButtonTaken: !!overlay?.interactive });
  const resolution = resolutionFor(viewport.view.scale, window.devicePixelRatio || 1);
  const area = useVisibleArea(viewport, size);
  const frame = useMemo<Frame>(
    () => ({
      size,
      toSource: plan.toSource,
      adjustments,
      splitX: split === null || cropping ? null : split * size.width,
      resolution,
      area,
    }),
    [size, plan.toSource, adjustments, split, cropping, resolution, area],
  );
  const preview = usePreview(canvasHost, image, frame);
  const save = useSaveEdits(image, draft.clear);
  const clearSave = save.clear;
  useEffect(() => clearSave(), [operations]); // eslint-disable-line react-hooks/exhaustive-deps

  const apply = useCallback((operation: EditOperation) => {
    setHistory((current) => {
      const result = applyOperation(current, operation);
      setRefusal(result.refused ?? null);
      return result.history;
    });
  }, []);
  const step = (change: (current: History) => History) => {
    setRefusal(null);
    setHistory(change);
  };

  const toSave = useMemo(() => compactOperations(operations), [operations]);
  const dirty = toSave.length > 0;

  const startCrop = (ratio: CropRatio) => {
    setTab('transform');
    setSplit(null);
    setCrop((current) => {
      const rect =
        current && current.for === sizeKey
          ? fitRatio(current.rect, ratio.value, size)
          : initialCrop(size, ratio.value);
      return { ratio, rect, for: sizeKey };
    });
  };
  const applyCrop = () => {
    if (!cropping) return;
    for (const operation of cropOperations(cropping.rect, size, cropping.ratio)) apply(operation);
    setCrop(null);
  };

  const onSave = () => {
    if (!dirty || save.busy) return;
    void save.start(toSave);
  };

  useEditorShortcuts((command: EditorCommand) => {
    switch (command) {
      case 'undo':
        if (historyTarget.current) historyTarget.current.undo();
        else step(undo);
        break;
      case 'redo':
        if (historyTarget.current) historyTarget.current.redo();
        else step(redo);
        break;
      case 'save':
        onSave();
        break;
      case 'fit':
        viewport.fit();
        break;
      case 'actual-size':
        viewport.actualSize();
        break;
      case 'zoom-in':
        viewport.zoomBy(ZOOM_STEP);
        break;
      case 'zoom-out':
        viewport.zoomBy(1 / ZOOM_STEP);
        break;
      case 'crop':
        if (cropping) applyCrop();
        else startCrop({ label: 'Free', value: null });
        break;
      case 'rotate-right':
        apply({ type: 'rotate', quarterTurns: 1 });
        break;
      case 'rotate-left':
        apply({ type: 'rotate', quarterTurns: 3 });
        break;
      case 'help':
        setHelpOpen(true);
        break;
      case 'confirm':
        if (cropping) applyCrop();
        break;
      case 'close':
        if (cropping) setCrop(null);
        else void navigate(imageHref(image.id));
        break;
    }
  }, setShowOriginal);

  const api = useMemo<EditorApi>(
    () => ({
      image,
      operations,
      size,
      view: viewport.transform,
      setOverlay,
      apply,
      exportPicture: preview.toBlob,
      dirty,
      fitArea: viewport.fitArea,
      setHistoryTarget,
    }),
    [
      image,
      operations,
      size,
      viewport.transform,
      apply,
      preview.toBlob,
      dirty,
      viewport.fitArea,
      setHistoryTarget,
    ],
  );

  const straighten = currentStraighten(operations);
  const lastAdjust = operations.findLast((operation) => operation.type === 'adjust');
  const activeLook = lastAdjust?.type === 'adjust' ? (lastAdjust.look ?? null) : null;
  const issues = save.issues;
  const issueFor = (kind: 'geometry' | 'adjust') =>
    issues
      .filter((issue) => (toSave[issue.index]?.type === 'adjust') === (kind === 'adjust'))
      .map((issue) => issueText(issue, toSave))
      .join(' ') || null;

  const tabs: { id: Tab; label: string }[] = [
    { id: 'transform', label: 'Transform' },
    { id: 'adjust', label: 'Adjust' },
    { id: 'generative', label: 'Generative' },
    { id: 'history', label: `History (${operations.length})` },
  ];

  return (
    <EditorContext.Provider value={api}>
      <div
        className="editor"
        data-renderer={preview.status.state === 'ready' ? preview.status.renderer : undefined}
      >
        <header className="editor-bar">
          <Link
            to={imageHref(image.id)}
            className="button editor-close"
            aria-label="Close the editor"
            title="Leave the editor (Esc)"
          >
            <span aria-hidden="true">←</span> <span>Close</span>
          </Link>
          <h1 className="editor-title">
            Edit{' '}
            <span className="editor-size">
              {size.width} × {size.height}
            </span>
          </h1>
          <EditorToolbar
            canUndo={canUndo(history)}
            canRedo={canRedo(history)}
            canReset={operations.length > 0}
            onUndo={() => step(undo)}
            onRedo={() => step(redo)}
            onReset={() => {
              setCrop(null);
              step(resetHistory);
            }}
            comparing={split !== null}
            onCompare={() => setSplit((value) => (value === null ? 0.5 : null))}
            viewport={viewport}
            onHelp={() => setHelpOpen(true)}
          />
          <div className="editor-save">
            <button
              type="button"
              className="button button-primary"
              disabled={!dirty || save.busy}
              onClick={onSave}
              title="Save as a new image (Ctrl/⌘+S)"
            >
              {save.busy ? 'Saving…' : 'Save'}
            </button>
          </div>
        </header>
        {(refusal || save.message || save.progress !== null) && (
          <div className="editor-status" role={save.message || refusal ? 'alert' : 'status'}>
            {save.progress !== null && (
              <span className="editor-progress">
                <progress max={1} value={save.progress} aria-label="Saving" />
                <span>{save.stage}</span>
              </span>
            )}
            {save.message && <span className="editor-error">{save.message}</span>}
            {refusal && <span className="editor-error">{refusal}</span>}
          </div>
        )}
        <div className="editor-body">
          <EditorStage
            boxRef={boxRef}
            canvasHost={canvasHost}
            image={image}
            picture={size}
            view={viewport.view}
            status={preview.status}
            overlay={cropping ? null : overlay}
            panning={viewport.spaceHeld}
            showOriginal={showOriginal}
            controls={
              cropping ? (
                <CropOverlay
                  rect={cropping.rect}
                  picture={size}
                  view={viewport.view}
                  ratio={cropping.ratio.value}
                  onChange={(rect) => setCrop({ ...cropping, rect })}
                />
              ) : split !== null ? (
                <CompareSlider split={split} picture={size} view={viewport.view} onChange={setSplit} />
              ) : null
            }
          />
          <aside className="editor-panel" aria-label="Editing tools">
            {notice}
            <EditorTabs
              tabs={tabs}
              current={tab}
              onSelect={(next) => {
                setTab(next);
                setHistory(seal);
                if (next !== 'transform') setCrop(null);
              }}
            />
            <div
              id="editor-tabpanel"
              className="editor-tabpanel"
              role="tabpanel"
              aria-labelledby={`editor-tab-${tab}`}
            >
              {tab === 'transform' && (
                <TransformPanel
                  size={size}
                  straighten={straighten}
                  cropRatio={cropping?.ratio ?? null}
                  onCropRatio={startCrop}
                  onApplyCrop={applyCrop}
                  onCancelCrop={() => setCrop(null)}
                  apply={apply}
                  error={issueFor('geometry')}
                />
              )}
              {tab === 'adjust' && (
                <>
                  {issueFor('adjust') && (
                    <p className="field-error" role="alert">
                      {issueFor('adjust')}
                    </p>
                  )}
                  <AdjustPanel adjustments={adjustments} activeLook={activeLook} apply={apply} />
                </>
              )}
              {tab === 'generative' && <GenerativePanel />}
              {tab === 'history' && (
                <HistoryList
                  operations={operations}
                  canUndo={canUndo(history)}
                  canRedo={canRedo(history)}
                  onUndo={() => step(undo)}
                  onRedo={() => step(redo)}
                  onReset={() => step(resetHistory)}
                  onRestore={(list) => step((current) => replaceOperations(current, list))}
                />
              )}
            </div>
          </aside>
        </div>
        <ShortcutsHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
      </div>
    </EditorContext.Provider>
  );
}

/** "Crop to 300×200 (step 1): width — x + width must be at most 200". */
function issueText(issue: OperationIssue, sent: readonly EditOperation[]): string {
  const operation = sent[issue.index];
  const what = operation
    ? `${describeOperation(operation)} (step ${issue.index + 1})`
    : `Step ${issue.index + 1}`;
  return `${what}: ${issue.field ? `${issue.field} — ` : ''}${issue.message}.`;
}
