import type {
  AccountRecord,
  ApplyImageEditsInput,
  InviteRecord,
  Role,
  ApiTokenRecord,
  BatchEventRecord,
  BatchItemRecord,
  BatchRecord,
  CollectionChanges,
  CollectionImageRecord,
  CollectionRecord,
  CreateBatchInput,
  CreateVariationsInput,
  Credentials,
  EditImageInput,
  OutpaintImageInput,
  EnhanceImageInput,
  GenerateImagesInput,
  ImageEvent,
  ImageFilter,
  ImageRecord,
  ImageSort,
  InsightsFilter,
  InsightsRangeInput,
  InsightsRecord,
  InsightsScope,
  JobKind,
  JobRecord,
  JobStatus,
  LibraryEvent,
  PageRequest,
  PromptHistoryRecord,
  PromptTemplateRecord,
  PromptTemplateVersionRecord,
  ProviderInfo,
  RestyleImageInput,
  SavedPromptInput,
  SavedPromptRecord,
  Scope,
  ShareLinkRecord,
  SharedCollectionRecord,
  SharedImageRecord,
  StylePresetInput,
  StylePresetRecord,
  TemplatePreviewRecord,
  TemplateVariableInput,
  Upload,
  Usage,
  Viewer,
  WebhookChanges,
  WebhookDeliveryRecord,
  WebhookInput,
  WebhookRecord,
  WebhookWithSecretRecord,
} from '@atelier/domain';

/** Which of the viewer's jobs to list; a null or empty field means any. */
export interface JobListFilter {
  statuses?: readonly JobStatus[] | null;
  providers?: readonly string[] | null;
  kinds?: readonly JobKind[] | null;
  createdFrom?: Date | null;
  /** Exclusive. */
  createdUntil?: Date | null;
}

/**
 * The ports the API implements for the schema. The schema never reaches a database, a queue or a
 * provider except through these.
 */
export interface SchemaServices extends LibraryServices {
  /** Outgoing webhooks (Settings → Webhooks). */
  webhooks: {
    list(viewer: Viewer): Promise<WebhookRecord[]>;
    create(viewer: Viewer, input: WebhookInput): Promise<WebhookWithSecretRecord>;
    update(viewer: Viewer, id: string, changes: WebhookChanges): Promise<WebhookRecord>;
    delete(viewer: Viewer, id: string): Promise<void>;
    rotateSecret(viewer: Viewer, id: string): Promise<WebhookWithSecretRecord>;
    deliveries(viewer: Viewer, webhookId: string, page: PageRequest): Promise<WebhookDeliveryRecord[]>;
    cursorOf(delivery: WebhookDeliveryRecord): string;
    lastDeliveries(viewer: Viewer, webhookIds: readonly string[]): Promise<(WebhookDeliveryRecord | null)[]>;
    redeliver(viewer: Viewer, deliveryId: string): Promise<WebhookDeliveryRecord>;
    ping(viewer: Viewer, webhookId: string): Promise<WebhookDeliveryRecord>;
  };
  /** Assistants the person connected through OAuth (Settings → Connected apps). */
  connectedApps: {
    list(viewer: Viewer): Promise<ConnectedAppRecord[]>;
    revoke(viewer: Viewer, id: string): Promise<ConnectedAppRecord>;
  };
  accounts: {
    instance(): Promise<{ needsSetup: boolean; signupEnabled: boolean }>;
    setup(input: Credentials & { displayName: string }, session: SessionControl): Promise<Viewer>;
    signUp(
      input: Credentials & { displayName: string; invite?: string | null },
      session: SessionControl,
    ): Promise<Viewer>;
    signIn(input: Credentials, session: SessionControl): Promise<Viewer>;
    signOut(session: SessionControl): Promise<void>;
    changePassword(
      viewer: Viewer,
      input: { currentPassword: string; newPassword: string },
      session: SessionControl,
    ): Promise<void>;
    account(viewer: Viewer): Promise<AccountRecord>;
    usage(userIds: readonly string[]): Promise<Usage[]>;
    tokens(viewer: Viewer): Promise<ApiTokenRecord[]>;
    createToken(
      viewer: Viewer,
      input: { name: string; scopes: Scope[] },
    ): Promise<{ secret: string; token: ApiTokenRecord }>;
    revokeToken(viewer: Viewer, id: string): Promise<ApiTokenRecord>;
    updateProfile(viewer: Viewer, profile: { displayName?: string; email?: string }): Promise<AccountRecord>;
  };
  insights: {
    insights(
      viewer: Viewer,
      range: InsightsRangeInput,
      filter: InsightsFilter,
      scope: InsightsScope,
    ): Promise<InsightsRecord>;
  };
  admin: {
    users(viewer: Viewer, page: PageRequest): Promise<AccountRecord[]>;
    cursorOf(account: AccountRecord): string;
    setQuota(
      viewer: Viewer,
      userId: string,
      quota: { maxConcurrentJobs: number | null; maxImagesPerDay: number | null },
    ): Promise<AccountRecord>;
    setSignupEnabled(viewer: Viewer, enabled: boolean): Promise<boolean>;
    setRole(viewer: Viewer, userId: string, role: Role): Promise<AccountRecord>;
    setTemporaryPassword(viewer: Viewer, userId: string, password: string): Promise<AccountRecord>;
    invites(viewer: Viewer): Promise<InviteRecord[]>;
    createInvite(
      viewer: Viewer,
      input: { role: Role; expiresInDays: number },
    ): Promise<{ token: string; invite: InviteRecord }>;
    revokeInvite(viewer: Viewer, id: string): Promise<InviteRecord>;
    setDisabled(viewer: Viewer, userId: string, disabled: boolean): Promise<AccountRecord>;
  };
  sharing: {
    /** A link to one image (`imageId`) or one collection (`collectionId`): exactly one of them. */
    create(
      viewer: Viewer,
      input: {
        imageId: string | null;
        collectionId: string | null;
        expiresAt: Date | null;
        hideParams: boolean;
      },
    ): Promise<ShareLinkRecord>;
    revoke(viewer: Viewer, id: string): Promise<ShareLinkRecord>;
    linksOf(viewer: Viewer, imageIds: readonly string[]): Promise<ShareLinkRecord[][]>;
    linksOfCollections(viewer: Viewer, collectionIds: readonly string[]): Promise<ShareLinkRecord[][]>;
    /** The shared image behind a valid link, or null (unknown, expired, revoked, or a collection link). */
    open(token: string): Promise<SharedImageRecord | null>;
    /** The URL a shared image's file (`key`) is fetched at through the link `token`. */
    fileUrl(token: string, key: string): string;
    /** The shared collection behind a valid link, or null (unknown, expired, revoked, or an image link). */
    openCollection(token: string): Promise<SharedCollectionRecord | null>;
  };
  collections: {
    loadMany(viewer: Viewer, ids: readonly string[]): Promise<(CollectionRecord | null)[]>;
    list(viewer: Viewer, search: string | null, page: PageRequest): Promise<CollectionRecord[]>;
    cursorOf(collection: CollectionRecord): string;
    create(
      viewer: Viewer,
      input: { name: string; description: string; filter: ImageFilter | null },
    ): Promise<CollectionRecord>;
    update(viewer: Viewer, id: string, changes: CollectionChanges): Promise<CollectionRecord>;
    delete(viewer: Viewer, id: string): Promise<void>;
    addImages(viewer: Viewer, id: string, imageIds: readonly string[]): Promise<CollectionRecord>;
    removeImages(viewer: Viewer, id: string, imageIds: readonly string[]): Promise<CollectionRecord>;
    moveImage(
      viewer: Viewer,
      id: string,
      imageId: string,
      afterImageId: string | null,
    ): Promise<CollectionRecord>;
    /** The images in the collection's order (owner's view: `ownerId` is the collection's owner). */
    images(
      ownerId: string,
      collection: CollectionRecord,
      page: PageRequest,
    ): Promise<CollectionImageRecord[]>;
    imageCursorOf(collection: CollectionRecord, image: CollectionImageRecord): string;
    /** Number of images in hand-made collections; null for smart ones (a live search). */
    imageCounts(viewer: Viewer, collections: readonly CollectionRecord[]): Promise<(number | null)[]>;
    covers(ownerId: string, collections: readonly CollectionRecord[]): Promise<(ImageRecord | null)[]>;
    /** The viewer's collections each image is in. */
    collectionsOf(viewer: Viewer, imageIds: readonly string[]): Promise<CollectionRecord[][]>;
  };
  imports: {
    importImage(viewer: Viewer, file: Upload): Promise<ImageRecord>;
    importImageFromUrl(viewer: Viewer, url: string): Promise<ImageRecord>;
  };
  providers: {
    list(): ProviderInfo[];
  };
  library: {
    watch(viewer: Viewer): AsyncIterable<LibraryEvent>;
  };
  images: {
    loadMany(viewer: Viewer, ids: readonly string[]): Promise<(ImageRecord | null)[]>;
    list(viewer: Viewer, filter: ImageFilter, sort: ImageSort, page: PageRequest): Promise<ImageRecord[]>;
    cursorOf(image: ImageRecord): string;
    /** Moves the image to the trash. */
    delete(viewer: Viewer, id: string): Promise<void>;
    setStarred(viewer: Viewer, id: string, starred: boolean): Promise<ImageRecord>;
    setTags(viewer: Viewer, id: string, tags: readonly string[]): Promise<ImageRecord>;
    /** All-or-nothing bulk edits of the viewer's images (NOT_FOUND when any id is not theirs). */
    tagMany(
      viewer: Viewer,
      ids: readonly string[],
      change: { add: readonly string[]; remove: readonly string[] },
    ): Promise<ImageRecord[]>;
    trashMany(viewer: Viewer, ids: readonly string[]): Promise<string[]>;
    restoreMany(viewer: Viewer, ids: readonly string[]): Promise<ImageRecord[]>;
    setStarredMany(viewer: Viewer, ids: readonly string[], starred: boolean): Promise<ImageRecord[]>;
    /** Everything in the viewer's trash back to the gallery. */
    restoreAll(viewer: Viewer): Promise<ImageRecord[]>;
    deleteForever(viewer: Viewer, ids: readonly string[]): Promise<string[]>;
    emptyTrash(viewer: Viewer): Promise<number>;
    /** Trashed images, most recently deleted first. */
    trash(viewer: Viewer, page: PageRequest): Promise<ImageRecord[]>;
    trashCursorOf(image: ImageRecord): string;
    /** When a trashed image will be purged with its files. */
    purgeAt(image: ImageRecord): Date | null;
    /**
     * The viewer's images as they are added, or as they change (a trashed one has `deletedAt`).
     * With `since`, added images made after it come first (a client resuming after a disconnect).
     */
    watch(viewer: Viewer, change: ImageEvent['change'], since?: Date | null): AsyncIterable<ImageRecord>;
    /** Images made from this one (variations, enhancements, restyles, edits), newest first. */
    childrenOf(viewer: Viewer, imageIds: readonly string[]): Promise<ImageRecord[][]>;
    fileUrl(blobKey: string): string;
  };
  jobs: {
    loadMany(viewer: Viewer, ids: readonly string[]): Promise<(JobRecord | null)[]>;
    list(viewer: Viewer, filter: JobListFilter | null, page: PageRequest): Promise<JobRecord[]>;
    cursorOf(job: JobRecord): string;
    /** A new job with the same input as one of the viewer's finished jobs. */
    retry(viewer: Viewer, id: string): Promise<JobRecord>;
    /** One list per job id, in the same order. */
    imagesOf(viewer: Viewer, jobIds: readonly string[]): Promise<ImageRecord[][]>;
    /**
     * The images of each job as of (at least) its state `seq`, one list per job in the same order;
     * concurrent asks for the same job at the same `seq` (every subscriber one change wakes) share a read.
     */
    imagesAtSeq(viewer: Viewer, jobs: readonly { id: string; seq: number }[]): Promise<ImageRecord[][]>;
    queuePosition(viewer: Viewer, job: JobRecord): Promise<number | null>;
    cancel(viewer: Viewer, id: string): Promise<JobRecord>;
    watch(viewer: Viewer, id: string, afterSeq: number): AsyncIterable<JobRecord>;
  };
  batches: {
    loadMany(viewer: Viewer, ids: readonly string[]): Promise<(BatchRecord | null)[]>;
    list(viewer: Viewer, page: PageRequest): Promise<BatchRecord[]>;
    cursorOf(batch: BatchRecord): string;
    /** One page of items, in the order given. */
    items(viewer: Viewer, batchId: string, page: PageRequest): Promise<BatchItemRecord[]>;
    itemCursorOf(item: BatchItemRecord): string;
    create(viewer: Viewer, input: CreateBatchInput): Promise<BatchRecord>;
    cancel(viewer: Viewer, id: string): Promise<BatchRecord>;
    retryFailed(viewer: Viewer, id: string): Promise<BatchRecord>;
    watch(viewer: Viewer, id: string): AsyncIterable<BatchEventRecord>;
  };
  /** The editor: an image's operation list saved as a new image, made on a worker. */
  imageEdits: {
    apply(viewer: Viewer, input: ApplyImageEditsInput): Promise<JobRecord>;
  };
  generation: {
    generate(viewer: Viewer, input: GenerateImagesInput): Promise<JobRecord>;
    createVariations(viewer: Viewer, input: CreateVariationsInput): Promise<JobRecord>;
    enhance(viewer: Viewer, input: EnhanceImageInput): Promise<JobRecord>;
    restyle(viewer: Viewer, input: RestyleImageInput): Promise<JobRecord>;
    edit(viewer: Viewer, input: EditImageInput): Promise<JobRecord>;
    outpaint(viewer: Viewer, input: OutpaintImageInput): Promise<JobRecord>;
  };
}

/** An OAuth client a person approved: its grant, with what the client says it is. */
export interface ConnectedAppRecord {
  /** The grant's id. */
  id: string;
  clientId: string;
  /** The name the client registered itself with (not verified). */
  name: string | null;
  /** Where the client receives its codes: the host that really identifies it. */
  redirectHost: string | null;
  scopes: Scope[];
  connectedAt: Date;
  lastUsedAt: Date | null;
}

/** The browser session of this request: sign-in sets its cookie, sign-out clears it. */
export interface SessionControl {
  start(token: string, expiresAt: Date): void;
  end(): void;
  /** The session token sent with this request, if any. */
  current(): string | null;
  userAgent: string | null;
  /** Who is calling, for per-client limits on sign-in: the peer address. */
  clientAddress: string | null;
}

export interface SchemaContext {
  viewer: Viewer | null;
  services: SchemaServices;
  session: SessionControl;
}

/** The prompt library (saved prompts, history, templates, style presets). */
export interface LibraryServices {
  prompts: {
    list(
      viewer: Viewer,
      filter: { search: string | null; tag: string | null },
      page: PageRequest,
    ): Promise<SavedPromptRecord[]>;
    cursorOf(prompt: SavedPromptRecord): string;
    save(viewer: Viewer, input: SavedPromptInput): Promise<SavedPromptRecord>;
    update(viewer: Viewer, id: string, input: Partial<SavedPromptInput>): Promise<SavedPromptRecord>;
    delete(viewer: Viewer, id: string): Promise<void>;
    history(viewer: Viewer, search: string | null, page: PageRequest): Promise<PromptHistoryRecord[]>;
    historyCursorOf(entry: PromptHistoryRecord): string;
    deleteHistoryEntry(viewer: Viewer, id: string): Promise<void>;
    clearHistory(viewer: Viewer): Promise<number>;
  };
  templates: {
    loadMany(viewer: Viewer, ids: readonly string[]): Promise<(PromptTemplateRecord | null)[]>;
    list(viewer: Viewer, page: PageRequest): Promise<PromptTemplateRecord[]>;
    cursorOf(template: PromptTemplateRecord): string;
    versions(viewer: Viewer, templateIds: readonly string[]): Promise<PromptTemplateVersionRecord[][]>;
    create(
      viewer: Viewer,
      input: { name: string; body: string; variables: TemplateVariableInput[] },
    ): Promise<PromptTemplateRecord>;
    update(
      viewer: Viewer,
      id: string,
      input: { name: string | null; body: string | null; variables: TemplateVariableInput[] | null },
    ): Promise<PromptTemplateRecord>;
    delete(viewer: Viewer, id: string): Promise<void>;
    preview(
      body: string,
      variables: TemplateVariableInput[],
      values: Record<string, string>,
    ): TemplatePreviewRecord;
  };
  presets: {
    loadMany(viewer: Viewer, ids: readonly string[]): Promise<(StylePresetRecord | null)[]>;
    /** The starter presets and the viewer's own, most recently changed first (starters date from install). */
    list(viewer: Viewer, page: PageRequest): Promise<StylePresetRecord[]>;
    cursorOf(preset: StylePresetRecord): string;
    create(viewer: Viewer, input: StylePresetInput): Promise<StylePresetRecord>;
    update(viewer: Viewer, id: string, input: Partial<StylePresetInput>): Promise<StylePresetRecord>;
    duplicate(viewer: Viewer, id: string): Promise<StylePresetRecord>;
    delete(viewer: Viewer, id: string): Promise<void>;
    exportJson(viewer: Viewer, ids: readonly string[] | null): Promise<string>;
    importJson(viewer: Viewer, json: string): Promise<StylePresetRecord[]>;
  };
}
