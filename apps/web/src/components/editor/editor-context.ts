import { createContext, useContext, type ComponentType, type ReactNode } from 'react';
import type { EditOperation } from '@atelier/image-edits';

/**
 * What the editor shares with the panels mounted in it (the transform and adjust panels, and the
 * generative ones from ./generative). Stable contract: add to it, never change a member's meaning.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

/** The image being edited, as stored: its original file and natural size. */
export interface EditorImage {
  id: string;
  /** The full-resolution original. */
  url: string;
  width: number;
  height: number;
  prompt: string;
}

/**
 * Where the picture sits on screen. "Picture pixels" are pixels of the picture as the operations
 * leave it (0..size.width, 0..size.height); "screen" points are client coordinates (the ones
 * pointer events carry: `event.clientX`, `event.clientY`). The picture is never stretched: one
 * picture pixel is `scale` CSS pixels on both axes.
 */
export interface ViewTransform {
  /** CSS pixels per picture pixel (1 is 100 %). */
  scale: number;
  imageToScreen: (point: Point) => Point;
  screenToImage: (point: Point) => Point;
}

/**
 * Content drawn over the picture, in picture pixels: the editor puts it in a box exactly the
 * picture's size (`size.width` × `size.height` CSS pixels before the view's scale), positioned and
 * scaled with it, so a `<canvas width={size.width} height={size.height}>` filling the box lines up
 * pixel for pixel. The box does not clip: an outpaint preview may draw outside it (negative offsets).
 */
export interface EditorOverlay {
  node: ReactNode;
  /**
   * True: the overlay takes the left button and touches (a brush); panning stays on space+drag,
   * the middle button and two fingers. False: the overlay only shows, pointer events go through.
   */
  interactive: boolean;
}

export interface EditorApi {
  image: EditorImage;
  /** The operation list so far (undoable). */
  operations: readonly EditOperation[];
  /** The picture's size after the operations (what the viewport shows). */
  size: Size;
  view: ViewTransform;
  /** Shows content over the picture (null removes it). Call it from an effect; clean up with null. */
  setOverlay: (overlay: EditorOverlay | null) => void;
  /** Appends one operation to the list (an undoable step). */
  apply: (operation: EditOperation) => void;
  /** The picture as it looks now (all operations, full output size) as a PNG. */
  exportPicture: () => Promise<Blob>;
  /** True while the list has operations a save would apply. */
  dirty: boolean;
  /**
   * Zooms so `area` (picture pixels, e.g. the picture with an outpaint's margins: negative x and y
   * reach left and above it) is all in view, and keeps fitting it while the window changes; null
   * goes back to fitting the picture. Call it from an effect; clean up with null.
   */
  fitArea: (area: { x: number; y: number; width: number; height: number } | null) => void;
  /**
   * While set, Ctrl/⌘+Z and Shift+Ctrl/⌘+Z (or Ctrl+Y) undo and redo this instead of the operation
   * list (the mask painter's strokes); the toolbar's buttons still act on the list. Call it from
   * an effect; clean up with null.
   */
  setHistoryTarget: (target: { undo: () => void; redo: () => void } | null) => void;
}

export const EditorContext = createContext<EditorApi | null>(null);

export function useEditor(): EditorApi {
  const editor = useContext(EditorContext);
  if (!editor) throw new Error('useEditor needs the image editor around it');
  return editor;
}

/**
 * What `./generative/index.ts` exports for the editor to mount: `GenerativePanel`, shown in the
 * side panel's "Generative" tab while that tab is open. It takes no props and reads the editor
 * through `useEditor()`; it unmounts when the person switches tab (clean the overlay up then).
 */
export type GenerativePanelComponent = ComponentType;
