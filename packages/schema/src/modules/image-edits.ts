import { InvalidInputError, QuotaExceededError } from '@atelier/domain';
import {
  type AdjustOperation,
  type Adjustments,
  adjustmentNames,
  adjustmentRanges,
  type CropOperation,
  type EditOperation,
  type FlipOperation,
  MAX_LOOK_LENGTH,
  MAX_OPERATIONS,
  MAX_SIDE,
  MAX_STRAIGHTEN_DEGREES,
  MIN_SIDE,
  type QuarterTurns,
  type ResizeOperation,
  type RotateOperation,
  type StraightenOperation,
} from '@atelier/image-edits';
import { builder } from '../builder';
import { requireViewer } from '../viewer';
import { ImageRef } from './image';
import { JobRef } from './job';

const FlipAxisEnum = builder.enumType('FlipAxis', {
  description: 'Which way a flip mirrors the picture.',
  values: {
    HORIZONTAL: { description: 'Left and right swap (a mirror image).' },
    VERTICAL: { description: 'Top and bottom swap.' },
  },
});

const sliderWords: Record<keyof Adjustments, string> = {
  exposure: 'Exposure in stops: each +1 doubles the light.',
  brightness: 'Brightness: lifts or lowers every tone alike.',
  contrast: 'Contrast around mid-grey.',
  saturation: 'Saturation: -100 is black and white.',
  vibrance: 'Vibrance: saturation that spares already colourful pixels.',
  temperature: 'Temperature: positive is warmer (more red, less blue).',
  tint: 'Tint: positive is more magenta, negative more green.',
  hue: 'Hue rotation in degrees around the colour wheel.',
  highlights: 'Highlights: lifts or lowers the bright tones.',
  shadows: 'Shadows: lifts or lowers the dark tones.',
  sharpen: 'Sharpening (an unsharp mask).',
  blur: 'Gaussian blur, relative to the picture size.',
  vignette: 'Darkens the corners.',
};

const rangeOf = (name: keyof Adjustments) => {
  const { min, max, neutral } = adjustmentRanges[name];
  return `${sliderWords[name]} ${min} to ${max}; ${neutral} changes nothing.`;
};

// ── input ──

const CropEditInputRef = builder.inputType('CropEditInput', {
  description: 'Keep a rectangle, in pixels of the picture as the operations before it left it.',
  fields: (t) => ({
    x: t.int({ required: true, description: 'Left edge, from 0.' }),
    y: t.int({ required: true, description: 'Top edge, from 0.' }),
    width: t.int({
      required: true,
      description: `Width, at least ${MIN_SIDE}; x + width within the picture.`,
    }),
    height: t.int({
      required: true,
      description: `Height, at least ${MIN_SIDE}; y + height within the picture.`,
    }),
  }),
});

const RotateEditInputRef = builder.inputType('RotateEditInput', {
  description: 'Turn by quarter turns, clockwise.',
  fields: (t) => ({
    quarterTurns: t.int({ required: true, description: '1 (90°), 2 (180°) or 3 (270°).' }),
  }),
});

const StraightenEditInputRef = builder.inputType('StraightenEditInput', {
  description:
    "Turn by a free angle, then crop to the largest centred rectangle of the picture's own aspect ratio that shows no empty corner.",
  fields: (t) => ({
    angle: t.float({
      required: true,
      description: `Degrees, clockwise positive, from -${MAX_STRAIGHTEN_DEGREES} to ${MAX_STRAIGHTEN_DEGREES}.`,
    }),
  }),
});

const FlipEditInputRef = builder.inputType('FlipEditInput', {
  description: 'Mirror the picture.',
  fields: (t) => ({
    axis: t.field({ type: FlipAxisEnum, required: true, description: 'Which way.' }),
  }),
});

const ResizeEditInputRef = builder.inputType('ResizeEditInput', {
  description: 'Scale to a size (the proportions may change).',
  fields: (t) => ({
    width: t.int({ required: true, description: `Width in pixels, ${MIN_SIDE} to ${MAX_SIDE}.` }),
    height: t.int({ required: true, description: `Height in pixels, ${MIN_SIDE} to ${MAX_SIDE}.` }),
  }),
});

const AdjustEditInputRef = builder.inputType('AdjustEditInput', {
  description:
    'Set colour and tone sliders; those left out keep their value. For each slider the last value in the list wins, and all apply once, after every crop, turn and resize.',
  fields: (t) => ({
    ...Object.fromEntries(adjustmentNames.map((name) => [name, t.float({ description: rangeOf(name) })])),
    look: t.string({
      description: `The named look (filter) these values came from, if any; at most ${MAX_LOOK_LENGTH} characters.`,
    }),
  }),
});

const ImageEditOperationInputRef = builder.inputType('ImageEditOperationInput', {
  description: 'One step of the editor: exactly one of its fields.',
  isOneOf: true,
  fields: (t) => ({
    crop: t.field({ type: CropEditInputRef, description: 'Crop.' }),
    rotate: t.field({ type: RotateEditInputRef, description: 'Rotate by quarter turns.' }),
    straighten: t.field({ type: StraightenEditInputRef, description: 'Straighten by a free angle.' }),
    flip: t.field({ type: FlipEditInputRef, description: 'Flip.' }),
    resize: t.field({ type: ResizeEditInputRef, description: 'Resize.' }),
    adjust: t.field({ type: AdjustEditInputRef, description: 'Colour and tone.' }),
  }),
});

const ApplyImageEditsInputRef = builder.inputType('ApplyImageEditsInput', {
  description: "Save the editor's operations on one of the viewer's images as a new image.",
  fields: (t) => ({
    imageId: t.globalID({
      required: true,
      for: ImageRef,
      description: 'The image to edit; it is not changed.',
    }),
    operations: t.field({
      type: [ImageEditOperationInputRef],
      required: true,
      description: `The steps, in order (at most ${MAX_OPERATIONS}). Geometry applies in list order; adjustments after it.`,
    }),
  }),
});

type OperationInput = (typeof ImageEditOperationInputRef)['$inferInput'];

function toOperation(input: OperationInput): EditOperation {
  const one = input as Record<string, unknown>;
  if (one.crop) return { type: 'crop', ...(one.crop as Omit<CropOperation, 'type'>) };
  if (one.rotate) {
    return {
      type: 'rotate',
      quarterTurns: (one.rotate as { quarterTurns: number }).quarterTurns as QuarterTurns,
    };
  }
  if (one.straighten) return { type: 'straighten', angle: (one.straighten as { angle: number }).angle };
  if (one.flip) {
    const axis = (one.flip as { axis: 'HORIZONTAL' | 'VERTICAL' }).axis;
    return { type: 'flip', axis: axis === 'HORIZONTAL' ? 'horizontal' : 'vertical' };
  }
  if (one.resize) return { type: 'resize', ...(one.resize as Omit<ResizeOperation, 'type'>) };
  const adjust = (one.adjust ?? {}) as Partial<Record<keyof Adjustments, number | null>> & {
    look?: string | null;
  };
  const values: Partial<Adjustments> = {};
  for (const name of adjustmentNames) {
    const value = adjust[name];
    if (value !== null && value !== undefined) values[name] = value;
  }
  return { type: 'adjust', values, ...(adjust.look != null && { look: adjust.look }) };
}

builder.mutationFields((t) => ({
  applyImageEdits: t.field({
    type: JobRef,
    authScopes: { generate: true },
    errors: { types: [InvalidInputError, QuotaExceededError], directResult: true },
    description:
      "Queue a job that applies the editor's operations (crop, rotate, straighten, flip, resize, colour) to the full-size original of an image and saves the result as a new image, whose parent is the source and which records the operations. A bad operation is refused with its index and field (`input.operations.2.crop.width`), and nothing is written.",
    args: {
      input: t.arg({
        type: ApplyImageEditsInputRef,
        required: true,
        description: 'Which image, and the steps.',
      }),
    },
    resolve: (_root, { input }, ctx) =>
      ctx.services.imageEdits.apply(requireViewer(ctx), {
        imageId: input.imageId.id,
        operations: input.operations.map(toOperation),
      }),
  }),
}));

// ── output ──

const CropEditRef = builder.objectRef<CropOperation>('CropEdit').implement({
  description: 'Kept a rectangle of the picture as the operations before it left it.',
  fields: (t) => ({
    x: t.exposeInt('x', { description: 'Left edge.' }),
    y: t.exposeInt('y', { description: 'Top edge.' }),
    width: t.exposeInt('width', { description: 'Width in pixels.' }),
    height: t.exposeInt('height', { description: 'Height in pixels.' }),
  }),
});

const RotateEditRef = builder.objectRef<RotateOperation>('RotateEdit').implement({
  description: 'Turned by quarter turns, clockwise.',
  fields: (t) => ({
    quarterTurns: t.exposeInt('quarterTurns', { description: '1, 2 or 3.' }),
  }),
});

const StraightenEditRef = builder.objectRef<StraightenOperation>('StraightenEdit').implement({
  description: 'Turned by a free angle and cropped to hide the corners.',
  fields: (t) => ({
    angle: t.exposeFloat('angle', { description: 'Degrees, clockwise positive.' }),
  }),
});

const FlipEditRef = builder.objectRef<FlipOperation>('FlipEdit').implement({
  description: 'Mirrored.',
  fields: (t) => ({
    axis: t.field({
      type: FlipAxisEnum,
      description: 'Which way.',
      resolve: (flip) => (flip.axis === 'horizontal' ? 'HORIZONTAL' : 'VERTICAL'),
    }),
  }),
});

const ResizeEditRef = builder.objectRef<ResizeOperation>('ResizeEdit').implement({
  description: 'Scaled to a size.',
  fields: (t) => ({
    width: t.exposeInt('width', { description: 'Width in pixels.' }),
    height: t.exposeInt('height', { description: 'Height in pixels.' }),
  }),
});

const AdjustEditRef = builder.objectRef<AdjustOperation>('AdjustEdit').implement({
  description: 'Set colour and tone sliders (null: left as it was).',
  fields: (t) => ({
    ...Object.fromEntries(
      adjustmentNames.map((name) => [
        name,
        t.float({
          nullable: true,
          description: rangeOf(name),
          resolve: (adjust) => adjust.values[name] ?? null,
        }),
      ]),
    ),
    look: t.string({
      nullable: true,
      description: 'The named look these values came from, if any.',
      resolve: (adjust) => adjust.look ?? null,
    }),
  }),
});

const editTypeNames = {
  crop: 'CropEdit',
  rotate: 'RotateEdit',
  straighten: 'StraightenEdit',
  flip: 'FlipEdit',
  resize: 'ResizeEdit',
  adjust: 'AdjustEdit',
} as const;

const ImageEditOperationRef = builder.unionType('ImageEditOperation', {
  description: 'One step of the editor, as saved.',
  types: [CropEditRef, RotateEditRef, StraightenEditRef, FlipEditRef, ResizeEditRef, AdjustEditRef],
  resolveType: (operation) => editTypeNames[operation.type],
});

builder.objectFields(ImageRef, (t) => ({
  editOperations: t.field({
    type: [ImageEditOperationRef],
    nullable: true,
    description:
      'The editor operations this image was made with from its parent (`operation` ADJUST), so "Edit again" can reopen them; null for images not made in the editor.',
    resolve: (image) => image.editOperations ?? null,
  }),
}));
