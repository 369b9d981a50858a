import {
  MAX_OPERATIONS,
  adjustmentNames,
  adjustmentRanges,
  type AdjustOperation,
  type Adjustments,
  type EditOperation,
} from '@atelier/image-edits';

/**
 * The editor's undo history: snapshots of the operation list (at most 50 short entries each, so
 * copies are cheap). `present` is what the preview shows and a save sends.
 */
export interface History {
  past: readonly (readonly EditOperation[])[];
  present: readonly EditOperation[];
  future: readonly (readonly EditOperation[])[];
  /** False after an undo or redo, or `seal`: the next operation starts a new step whatever it is. */
  open: boolean;
  /** Which slider made the last step ("adjust:contrast", "straighten"); null for anything else. */
  lastKey?: string | null;
}

export function createHistory(operations: readonly EditOperation[] = []): History {
  return { past: [], present: operations, future: [], open: false, lastKey: null };
}

/**
 * The slider an operation comes from: a slider being dragged sends an operation per move, and
 * consecutive moves of the same slider make one step whose value is the last one. Looks and
 * buttons have none.
 */
function sliderKey(operation: EditOperation): string | null {
  if (operation.type === 'straighten') return 'straighten';
  if (operation.type === 'adjust' && !operation.look) {
    return `adjust:${Object.keys(operation.values).sort().join(',')}`;
  }
  return null;
}

/** Where a straighten replaces the list's own: its last geometry operation, if that is a straighten. */
function trailingStraighten(operations: readonly EditOperation[]): number {
  for (let i = operations.length - 1; i >= 0; i -= 1) {
    const type = operations[i]!.type;
    if (type === 'straighten') return i;
    if (type !== 'adjust') return -1;
  }
  return -1;
}

/** The angle the straighten slider shows: the trailing straighten's, else 0. */
export function currentStraighten(operations: readonly EditOperation[]): number {
  const index = trailingStraighten(operations);
  const operation = index >= 0 ? operations[index] : undefined;
  return operation?.type === 'straighten' ? operation.angle : 0;
}

function replaceAt(
  operations: readonly EditOperation[],
  index: number,
  operation: EditOperation,
): EditOperation[] {
  const next = [...operations];
  next[index] = operation;
  return next;
}

export type ApplyResult = { history: History; refused?: undefined } | { history: History; refused: string };

/**
 * Adds an operation as a new step, or folds it into the last one when the same slider made it.
 * A straighten replaces the list's trailing straighten (only adjustments after it) instead of
 * turning the picture again: the slider sets the angle, it does not add to it.
 */
export function applyOperation(history: History, operation: EditOperation): ApplyResult {
  const { present } = history;
  const key = sliderKey(operation);
  if (history.open && key !== null && key === history.lastKey && present.length > 0) {
    const index = operation.type === 'straighten' ? trailingStraighten(present) : present.length - 1;
    if (index >= 0) {
      const next = replaceAt(present, index, operation);
      return { history: { ...history, present: next, future: [] } };
    }
  }
  const straightenAt = operation.type === 'straighten' ? trailingStraighten(present) : -1;
  const next = straightenAt >= 0 ? replaceAt(present, straightenAt, operation) : [...present, operation];
  if (compactOperations(next).length > MAX_OPERATIONS) {
    return {
      history,
      refused: `An edit holds at most ${MAX_OPERATIONS} operations: save this one, then edit the result.`,
    };
  }
  return {
    history: { past: [...history.past, present], present: next, future: [], open: true, lastKey: key },
  };
}

/** Back to the untouched picture, as a step of its own (undo brings the list back). */
export function resetHistory(history: History): History {
  if (history.present.length === 0) return history;
  return { past: [...history.past, history.present], present: [], future: [], open: false, lastKey: null };
}

/** Replaces the whole list as one step (reopening a saved list, "Edit again"). */
export function replaceOperations(history: History, operations: readonly EditOperation[]): History {
  return {
    past: [...history.past, history.present],
    present: operations,
    future: [],
    open: false,
    lastKey: null,
  };
}

export function canUndo(history: History): boolean {
  return history.past.length > 0;
}

export function canRedo(history: History): boolean {
  return history.future.length > 0;
}

export function undo(history: History): History {
  const previous = history.past.at(-1);
  if (!previous) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
    open: false,
  };
}

export function redo(history: History): History {
  const [next, ...rest] = history.future;
  if (!next) return history;
  return { past: [...history.past, history.present], present: next, future: rest, open: false };
}

/** Ends the current step: the next slider move starts a new one (on release, on a tab change). */
export function seal(history: History): History {
  return history.open ? { ...history, open: false } : history;
}

/** Every slider's value after the list: the last value set for each wins, the rest are neutral. */
export function currentAdjustments(operations: readonly EditOperation[]): Partial<Adjustments> {
  const values: Partial<Adjustments> = {};
  for (const operation of operations) {
    if (operation.type === 'adjust') Object.assign(values, operation.values);
  }
  return values;
}

/**
 * The list a save sends: geometry in order (less straightens by 0°, which change nothing), then one
 * adjust operation holding every slider's final value that is not neutral (adjustments are state,
 * applied after geometry, so this is the same picture). Empty when nothing would change.
 */
export function compactOperations(operations: readonly EditOperation[]): EditOperation[] {
  const geometry = operations.filter(
    (operation) => operation.type !== 'adjust' && !(operation.type === 'straighten' && operation.angle === 0),
  );
  const adjusts = operations.filter((operation): operation is AdjustOperation => operation.type === 'adjust');
  const values = currentAdjustments(adjusts);
  const merged: Partial<Adjustments> = {};
  for (const name of adjustmentNames) {
    const value = values[name];
    if (value !== undefined && value !== adjustmentRanges[name].neutral) merged[name] = value;
  }
  if (Object.keys(merged).length === 0) return geometry;
  const adjust: AdjustOperation = { type: 'adjust', values: merged };
  // A look's name stays only while the look was the last thing set.
  const last = adjusts.at(-1);
  if (last?.look) adjust.look = last.look;
  return [...geometry, adjust];
}

const SERIAL_VERSION = 1;

/** The list as text (a draft kept across a reload). */
export function serialiseOperations(operations: readonly EditOperation[]): string {
  return JSON.stringify({ v: SERIAL_VERSION, operations });
}

const OPERATION_TYPES = new Set(['crop', 'rotate', 'straighten', 'flip', 'resize', 'adjust']);

/** The list back from `serialiseOperations`, or null for anything else (an old or broken draft). */
export function parseOperations(text: string | null): EditOperation[] | null {
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as { v?: unknown; operations?: unknown };
    if (parsed.v !== SERIAL_VERSION || !Array.isArray(parsed.operations)) return null;
    const operations = parsed.operations as unknown[];
    const valid = operations.every(
      (operation) =>
        typeof operation === 'object' &&
        operation !== null &&
        OPERATION_TYPES.has((operation as { type?: unknown }).type as string),
    );
    return valid ? (operations as EditOperation[]) : null;
  } catch {
    return null;
  }
}
