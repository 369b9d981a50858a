import { randomUUID } from 'node:crypto';
import {
  type CreateVariationsInput,
  type EditImageInput,
  type EnhanceImageInput,
  type FieldIssue,
  type GenerateImagesInput,
  type ImageParamsInput,
  type ImageRecord,
  InvalidInputError,
  type JobInput,
  type JobKind,
  type JobRecord,
  type OutpaintImageInput,
  type RestyleImageInput,
  type Viewer,
} from '@atelier/domain';
import { type ImageProvider, planOutpaint } from '@atelier/providers';
import type { RawBuilder } from 'kysely';
import { jobTask } from '../jobs/run-job/job-task';
import type { CollectionRepository } from '../repositories/collection.repository';
import type { ImageRepository } from '../repositories/image.repository';
import type { JobRepository } from '../repositories/job.repository';
import { MAX_UPLOAD_BYTES, MediaError, type MediaRepository } from '../repositories/media.repository';
import type { QueueRepository } from '../repositories/queue.repository';
import type { Storage } from '../repositories/storage.repository';
import { resolveParams } from '../providers/image-params';
import type { RequestPreparation } from './request-preparation';
import { aspectFor, checkPrompt, emptyInput, fail, ratioOf } from './job-input';
import { originOf } from './job-origin';
import type { ProviderChoice } from './provider-choice';
import type { QuotaService } from './quota.service';

export interface GenerationDeps {
  jobs: JobRepository;
  images: ImageRepository;
  collections: CollectionRepository;
  /** Templates, style presets and prompt history around a request. */
  preparation: RequestPreparation;
  queue: QueueRepository;
  storage: Storage;
  media: MediaRepository;
  choice: ProviderChoice;
  quota: QuotaService;
  randomSeed?: () => number;
}

/** A checked request, resolved into the job it makes. */
export interface PreparedJob {
  kind: JobKind;
  provider: ImageProvider;
  input: JobInput;
}

/**
 * Turns requests into queued jobs: checks every field against the chosen provider's and model's
 * declared capabilities, fills every default, then writes the job and its task in one statement.
 * Nothing slow happens here; workers run the jobs (see JobRunner).
 */
export class GenerationService {
  constructor(private readonly deps: GenerationDeps) {}

  async generate(viewer: Viewer, submitted: GenerateImagesInput): Promise<JobRecord> {
    const { request, template, typed } = await this.deps.preparation.prepare(viewer, submitted);
    const prepared = this.prepareGenerate(request);
    const collectionId = await this.targetCollection(viewer, request.collectionId ?? null);
    const job = await this.submit(viewer, prepared.kind, prepared.provider, {
      ...prepared.input,
      ...(collectionId && { collectionId }),
      ...(template && { template }),
      ...(submitted.presetId && { presetId: submitted.presetId }),
    });
    await this.deps.preparation.remember(viewer, typed, submitted.negativePrompt);
    return job;
  }

  /** The viewer's hand-made collection a job's images go to ("send new images to this collection"). */
  async targetCollection(viewer: Viewer, id: string | null): Promise<string | null> {
    if (id === null) return null;
    const [collection] = await this.deps.collections.findManyForOwner(viewer.id, [id]);
    if (!collection) {
      throw new InvalidInputError(
        [{ path: ['input', 'collectionId'], message: 'no such collection' }],
        'NOT_FOUND',
      );
    }
    if (collection.filter !== null) {
      throw new InvalidInputError([
        {
          path: ['input', 'collectionId'],
          message: 'a smart collection shows a saved search; choose a hand-made collection',
        },
      ]);
    }
    return collection.id;
  }

  /**
   * Checks a generation request and resolves it into the job it would queue, without queueing it
   * (a batch queues many together). Throws InvalidInputError like `generate`.
   */
  prepareGenerate(request: GenerateImagesInput): PreparedJob {
    const issues: FieldIssue[] = [];
    const { provider, model } = this.deps.choice.pick('GENERATE', request.provider, null, request.model);
    checkPrompt(request.prompt, model, issues);
    const params = resolveParams(model!, request, issues, this.deps.randomSeed);
    const fallback = this.deps.choice.fallbackChain('GENERATE', provider, request.fallbackProviders, issues);
    fail(issues);
    return {
      kind: 'GENERATE',
      provider,
      input: {
        ...emptyInput(),
        ...params,
        prompt: request.prompt,
        provider: provider.id,
        model: model!.id,
        fallbackProviders: fallback,
      },
    };
  }

  /** The SQL that enqueues the task running job `id`, for the caller's transaction. */
  enqueue(kind: JobKind, providerId: string, id: string): RawBuilder<unknown> {
    return this.deps.queue.enqueue(jobTask(kind, providerId, id));
  }

  async createVariations(viewer: Viewer, request: CreateVariationsInput): Promise<JobRecord> {
    const source = await this.sourceImage(viewer, request.imageId, 'imageId');
    // The source's own seed lets a procedural provider recognise its picture and vary that scene.
    const seeded =
      request.seed === null && source.seed !== null ? { ...request, seed: source.seed } : request;
    return this.remembering(
      viewer,
      request,
      this.transform(viewer, 'VARIATION', source, seeded, {
        prompt: request.prompt ?? source.prompt,
        strength: request.strength,
      }),
    );
  }

  async restyle(viewer: Viewer, request: RestyleImageInput): Promise<JobRecord> {
    const source = await this.sourceImage(viewer, request.imageId, 'imageId');
    const issues: FieldIssue[] = [];
    if (!request.styleText?.trim() && !request.styleReferenceImageId) {
      issues.push({
        path: ['input', 'styleText'],
        message: 'give a style (styleText) or a reference image (styleReferenceImageId)',
      });
    }
    const reference = request.styleReferenceImageId
      ? await this.sourceImage(viewer, request.styleReferenceImageId, 'styleReferenceImageId')
      : null;
    const { provider } = this.deps.choice.pick('RESTYLE', request.provider, source);
    const restyle = provider.capabilities.restyle;
    if (request.styleText && !restyle?.fromText) {
      issues.push({
        path: ['input', 'styleText'],
        message: `${provider.displayName} cannot restyle from a description`,
      });
    }
    if (reference && !restyle?.fromReference) {
      issues.push({
        path: ['input', 'styleReferenceImageId'],
        message: `${provider.displayName} cannot restyle from a reference image`,
      });
    }
    fail(issues);
    return this.remembering(
      viewer,
      request,
      this.transform(viewer, 'RESTYLE', source, request, {
        prompt: request.prompt ?? source.prompt,
        styleText: request.styleText?.trim() || null,
        styleReferenceImageId: reference?.id ?? null,
      }),
    );
  }

  async edit(viewer: Viewer, request: EditImageInput): Promise<JobRecord> {
    const source = await this.sourceImage(viewer, request.imageId, 'imageId');
    if ((request.mask === null) === (request.maskImageId === null)) {
      throw new InvalidInputError([
        { path: ['input', 'mask'], message: 'give exactly one of mask (an upload) or maskImageId' },
      ]);
    }
    const maskBlobKey = await this.storeMask(viewer, request, source);
    return this.remembering(
      viewer,
      request,
      this.transform(viewer, 'EDIT', source, request, { prompt: request.prompt, maskBlobKey }),
    );
  }

  /**
   * Expands the canvas of an image by margins (outpainting), checked against the chosen provider's
   * declared limits; fallback providers must be able to take the same margins.
   */
  async outpaint(viewer: Viewer, request: OutpaintImageInput): Promise<JobRecord> {
    const source = await this.sourceImage(viewer, request.imageId, 'imageId');
    const margins = { top: request.top, right: request.right, bottom: request.bottom, left: request.left };
    const check = (provider: ImageProvider) =>
      provider.capabilities.outpaint === null
        ? {
            plan: null,
            issues: [{ field: 'provider', message: `${provider.displayName} cannot expand images` }],
          }
        : planOutpaint(provider.capabilities.outpaint, provider.displayName, source, margins);
    const { provider } = this.deps.choice.pick('OUTPAINT', request.provider, source, request.model);
    const { plan, issues } = check(provider);
    fail(
      issues.map(({ field, message }) => ({
        path: ['input', field === 'source' ? 'imageId' : field],
        message,
      })),
    );
    const refuses = (other: ImageProvider) => {
      const problem = check(other).issues[0];
      return problem ? `${other.displayName} cannot take these margins: ${problem.message}` : null;
    };
    return this.remembering(
      viewer,
      request,
      this.transform(
        viewer,
        'OUTPAINT',
        source,
        request,
        {
          prompt: request.prompt?.trim() || source.prompt,
          margins,
          // The size asked for is what the provider delivers, so the image records it truthfully.
          width: plan!.result.width,
          height: plan!.result.height,
          aspectRatio: null,
        },
        refuses,
      ),
    );
  }

  async enhance(viewer: Viewer, request: EnhanceImageInput): Promise<JobRecord> {
    const source = await this.sourceImage(viewer, request.imageId, 'imageId');
    const issues: FieldIssue[] = [];
    const { provider } = this.deps.choice.pick('ENHANCE', request.provider, source);
    const scales = provider.capabilities.enhance?.scales ?? [];
    if (!scales.includes(request.scale)) {
      issues.push({
        path: ['input', 'scale'],
        message: `${provider.displayName} enhances by ${scales.join(' or ')}×, not ${request.scale}×`,
      });
    }
    const fallback = this.deps.choice.fallbackChain('ENHANCE', provider, request.fallbackProviders, issues);
    fail(issues);
    return this.submit(viewer, 'ENHANCE', provider, {
      ...emptyInput(),
      prompt: source.prompt,
      provider: provider.id,
      count: 1,
      scale: request.scale,
      sourceImageId: source.id,
      fallbackProviders: fallback,
    });
  }

  /** Queues the job, then adds the prompt the person typed (if any) to their history. */
  private async remembering(
    viewer: Viewer,
    request: { prompt: string | null; negativePrompt: string | null },
    queued: Promise<JobRecord>,
  ): Promise<JobRecord> {
    const job = await queued;
    await this.deps.preparation.remember(viewer, request.prompt, request.negativePrompt);
    return job;
  }

  /** Variations, restyles, edits and outpaints: new pictures from a source image, with image parameters. */
  private async transform(
    viewer: Viewer,
    kind: 'VARIATION' | 'RESTYLE' | 'EDIT' | 'OUTPAINT',
    source: ImageRecord,
    request: ImageParamsInput,
    extra: Partial<JobInput> & { prompt: string },
    refuses?: (provider: ImageProvider) => string | null,
  ): Promise<JobRecord> {
    const issues: FieldIssue[] = [];
    const { provider, model } = this.deps.choice.pick(kind, request.provider, source, request.model);
    checkPrompt(extra.prompt, model, issues);
    // Unless asked otherwise, keep the source's proportions.
    const sized =
      request.width === null && request.height === null && request.aspectRatio === null
        ? { ...request, aspectRatio: ratioOf(source.width, source.height) }
        : request;
    const params = resolveParams(
      model!,
      { ...sized, aspectRatio: aspectFor(model!, sized.aspectRatio) },
      issues,
      this.deps.randomSeed,
    );
    const fallback = this.deps.choice.fallbackChain(
      kind,
      provider,
      request.fallbackProviders,
      issues,
      refuses,
    );
    fail(issues);
    return this.submit(viewer, kind, provider, {
      ...emptyInput(),
      ...params,
      ...extra,
      provider: provider.id,
      model: model!.id,
      sourceImageId: source.id,
      fallbackProviders: fallback,
    });
  }

  private async submit(
    viewer: Viewer,
    kind: JobKind,
    provider: ImageProvider,
    input: JobInput,
  ): Promise<JobRecord> {
    const id = randomUUID();
    const job = {
      id,
      ownerId: viewer.id,
      kind,
      provider: provider.id,
      input,
      origin: originOf(viewer),
    } as const;
    const task = this.enqueue(kind, provider.id, id);
    return this.deps.quota.admitOne(viewer, input.count, {
      unlimited: () => this.deps.jobs.insertWithTaskUnlessLimited(job, task),
      limited: (trx) => this.deps.jobs.insertWithTask(job, task, trx),
    });
  }

  private async sourceImage(viewer: Viewer, id: string, field: string): Promise<ImageRecord> {
    const [image] = await this.deps.images.findManyForOwner(viewer.id, [id]);
    if (!image) {
      throw new InvalidInputError([{ path: ['input', field], message: 'no such image' }], 'NOT_FOUND');
    }
    return image;
  }

  private async storeMask(viewer: Viewer, request: EditImageInput, source: ImageRecord): Promise<string> {
    let bytes: Buffer | null;
    if (request.mask) {
      if (request.mask.size > MAX_UPLOAD_BYTES) {
        throw new InvalidInputError([{ path: ['input', 'mask'], message: 'the mask must be at most 10 MB' }]);
      }
      bytes = Buffer.from(await request.mask.arrayBuffer());
    } else {
      const maskImage = await this.sourceImage(viewer, request.maskImageId!, 'maskImageId');
      bytes = await this.deps.storage.read(maskImage.blobKey);
      if (!bytes) {
        throw new InvalidInputError(
          [{ path: ['input', 'maskImageId'], message: 'the mask image file is missing' }],
          'STORAGE_ERROR',
        );
      }
    }
    try {
      const mask = await this.deps.media.normalizeMask(bytes, source.width, source.height);
      return await this.deps.storage.put(mask, 'image/png');
    } catch (error) {
      if (error instanceof MediaError) {
        throw new InvalidInputError([
          { path: ['input', request.mask ? 'mask' : 'maskImageId'], message: error.message },
        ]);
      }
      throw error;
    }
  }
}
