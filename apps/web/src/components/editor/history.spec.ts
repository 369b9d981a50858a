import { describe, expect, it } from 'vitest';
import type { EditOperation } from '@atelier/image-edits';
import {
  applyOperation,
  canRedo,
  canUndo,
  compactOperations,
  createHistory,
  currentAdjustments,
  currentStraighten,
  parseOperations,
  redo,
  resetHistory,
  seal,
  serialiseOperations,
  undo,
  type History,
} from './history';

function applyAll(history: History, operations: EditOperation[]): History {
  return operations.reduce((h, operation) => applyOperation(h, operation).history, history);
}

const crop: EditOperation = { type: 'crop', x: 10, y: 20, width: 300, height: 200 };
const rotate: EditOperation = { type: 'rotate', quarterTurns: 1 };
const exposure = (value: number): EditOperation => ({ type: 'adjust', values: { exposure: value } });

describe('history', () => {
  it('applies operations as steps in order', () => {
    const history = applyAll(createHistory(), [crop, rotate]);
    expect(history.present).toEqual([crop, rotate]);
    expect(canUndo(history)).toBe(true);
    expect(canRedo(history)).toBe(false);
  });

  it('undoes and redoes through the whole list', () => {
    let history = applyAll(createHistory(), [crop, rotate, exposure(1)]);
    history = undo(undo(undo(history)));
    expect(history.present).toEqual([]);
    expect(canUndo(history)).toBe(false);
    history = redo(redo(history));
    expect(history.present).toEqual([crop, rotate]);
    history = redo(history);
    expect(history.present).toEqual([crop, rotate, exposure(1)]);
    expect(canRedo(history)).toBe(false);
  });

  it('drops the redo steps when a new operation follows an undo', () => {
    const history = applyOperation(undo(applyAll(createHistory(), [crop, rotate])), exposure(0.5)).history;
    expect(history.present).toEqual([crop, exposure(0.5)]);
    expect(canRedo(history)).toBe(false);
  });

  it('merges consecutive moves of the same slider into one step', () => {
    let history = applyAll(createHistory(), [crop, exposure(0.1), exposure(0.4), exposure(0.9)]);
    expect(history.present).toEqual([crop, exposure(0.9)]);
    history = undo(history);
    expect(history.present).toEqual([crop]);
  });

  it('keeps moves of different sliders, and a straighten after a slider, as separate steps', () => {
    const contrast: EditOperation = { type: 'adjust', values: { contrast: 20 } };
    const history = applyAll(createHistory(), [
      exposure(1),
      contrast,
      { type: 'straighten', angle: 2 },
      { type: 'straighten', angle: 5 },
    ]);
    expect(history.present).toEqual([exposure(1), contrast, { type: 'straighten', angle: 5 }]);
    expect(undo(history).present).toEqual([exposure(1), contrast]);
  });

  it('starts a new step after an undo or a seal, even for the same slider', () => {
    let history = applyAll(createHistory(), [exposure(1)]);
    history = applyOperation(seal(history), exposure(2)).history;
    expect(history.present).toEqual([exposure(1), exposure(2)]);
    expect(undo(history).present).toEqual([exposure(1)]);
  });

  it('sets the straighten angle instead of turning again, even with adjustments after it', () => {
    let history = applyAll(createHistory(), [crop, { type: 'straighten', angle: 3 }, exposure(1)]);
    history = applyOperation(history, { type: 'straighten', angle: 8 }).history;
    expect(history.present).toEqual([crop, { type: 'straighten', angle: 8 }, exposure(1)]);
    expect(currentStraighten(history.present)).toBe(8);
    expect(undo(history).present).toEqual([crop, { type: 'straighten', angle: 3 }, exposure(1)]);
    // After another geometry step the slider starts again from level.
    history = applyOperation(history, rotate).history;
    expect(currentStraighten(history.present)).toBe(0);
  });

  it('never merges a look into a slider step', () => {
    const look: EditOperation = { type: 'adjust', values: { exposure: 0.3 }, look: 'Bright' };
    const history = applyAll(createHistory(), [exposure(1), look]);
    expect(history.present).toEqual([exposure(1), look]);
  });

  it('resets as an undoable step', () => {
    let history = resetHistory(applyAll(createHistory(), [crop, rotate]));
    expect(history.present).toEqual([]);
    history = undo(history);
    expect(history.present).toEqual([crop, rotate]);
  });

  it('refuses an operation past the limit and keeps the list', () => {
    let history = createHistory();
    for (let i = 0; i < 50; i += 1) history = applyOperation(seal(history), rotate).history;
    const result = applyOperation(seal(history), rotate);
    expect(result.refused).toMatch(/at most 50/);
    expect(result.history.present).toHaveLength(50);
  });
});

describe('compactOperations', () => {
  it('drops what changes nothing: neutral sliders and level straightens', () => {
    expect(
      compactOperations([
        { type: 'straighten', angle: 0 },
        exposure(0),
        { type: 'adjust', values: { contrast: 0 } },
      ]),
    ).toEqual([]);
  });

  it('keeps geometry in order and folds adjustments into one, last value winning', () => {
    const operations: EditOperation[] = [
      exposure(1),
      crop,
      { type: 'adjust', values: { contrast: 10, exposure: 0.5 } },
      rotate,
      { type: 'adjust', values: { contrast: -5 } },
    ];
    expect(compactOperations(operations)).toEqual([
      crop,
      rotate,
      { type: 'adjust', values: { exposure: 0.5, contrast: -5 } },
    ]);
    expect(currentAdjustments(operations)).toEqual({ exposure: 0.5, contrast: -5 });
  });
});

describe('serialisation', () => {
  it('round-trips a list', () => {
    const operations: EditOperation[] = [crop, rotate, { type: 'flip', axis: 'vertical' }, exposure(1.5)];
    expect(parseOperations(serialiseOperations(operations))).toEqual(operations);
  });

  it('refuses broken or foreign text', () => {
    expect(parseOperations(null)).toBeNull();
    expect(parseOperations('{')).toBeNull();
    expect(parseOperations(JSON.stringify({ v: 99, operations: [] }))).toBeNull();
    expect(parseOperations(JSON.stringify({ v: 1, operations: [{ type: 'explode' }] }))).toBeNull();
  });
});
