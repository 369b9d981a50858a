import type { CacheExchangeOpts, KeyGenerator } from '@urql/exchange-graphcache';

const noKey: KeyGenerator = () => null;

/** Relay edges carry no id; keying them by their node lets updaters write new edges. */
const edgeKeyByNode: KeyGenerator = (edge) => {
  const node = edge.node as { id?: unknown } | null | undefined;
  return typeof node?.id === 'string' ? node.id : null;
};

export const keys: NonNullable<CacheExchangeOpts['keys']> = {
  // Value types: they live inside their parent and have no identity of their own.
  ProviderInfo: noKey,
  ProviderCapabilities: noKey,
  ProviderModel: noKey,
  SizeRule: noKey,
  StepsRule: noKey,
  EnhanceCapability: noKey,
  RestyleCapability: noKey,
  JobAttempt: noKey,
  Thumbnail: noKey,
  ImageMetadata: noKey,
  JobInput: noKey,
  JobError: noKey,
  FieldIssue: noKey,
  PageInfo: noKey,
  DeleteImagePayload: noKey,
  BaseError: noKey,
  InvalidInputError: noKey,
  NotFoundError: noKey,
  QueryImagesConnection: noKey,
  QueryJobsConnection: noKey,
  QueryImagesConnectionEdge: edgeKeyByNode,
  QueryJobsConnectionEdge: edgeKeyByNode,
  // Accounts, sharing, quotas.
  Instance: noKey,
  Usage: noKey,
  CreatedApiToken: noKey,
  CreatedInvite: noKey,
  ChangePasswordSuccess: noKey,
  QuotaExceededError: noKey,
  SharedImage: noKey,
  SharedThumbnail: noKey,
  QueryUsersConnection: noKey,
  QueryUsersConnectionEdge: edgeKeyByNode,
  // Collections: an image's place (edge, cursor) differs from one collection to the next.
  QueryCollectionsConnection: noKey,
  QueryCollectionsConnectionEdge: edgeKeyByNode,
  CollectionImagesConnection: noKey,
  CollectionImagesConnectionEdge: noKey,
  DeleteCollectionPayload: noKey,
  SmartCollectionError: noKey,
  SharedCollection: noKey,
  SharedCollectionImagesConnection: noKey,
  SharedCollectionImagesEdge: noKey,
  // Images: bulk results and the trash.
  ImagesPayload: noKey,
  DeletedImagesPayload: noKey,
  EmptyTrashPayload: noKey,
  QueryTrashConnection: noKey,
  QueryTrashConnectionEdge: edgeKeyByNode,
  // Batches: items are places in a batch (their job is normalized by id).
  BatchCounts: noKey,
  BatchTarget: noKey,
  BatchVariableValue: noKey,
  BatchItem: noKey,
  BatchItemsConnection: noKey,
  BatchItemsConnectionEdge: noKey,
  BatchUpdate: noKey,
  QueryBatchesConnection: noKey,
  QueryBatchesConnectionEdge: edgeKeyByNode,
  // The prompt library: saved prompts, prompt history, templates (versions never change), style presets.
  QuerySavedPromptsConnection: noKey,
  QuerySavedPromptsConnectionEdge: edgeKeyByNode,
  QueryPromptHistoryConnection: noKey,
  QueryPromptHistoryConnectionEdge: edgeKeyByNode,
  QueryTemplatesConnection: noKey,
  QueryTemplatesConnectionEdge: edgeKeyByNode,
  QueryStylePresetsConnection: noKey,
  QueryStylePresetsConnectionEdge: edgeKeyByNode,
  PromptTemplateVersion: noKey,
  TemplateVariable: noKey,
  TemplatePreview: noKey,
  ImageTemplate: noKey,
  InvalidTemplateError: noKey,
  StylePresetSettings: noKey,
  DeletedLibraryItem: noKey,
  DeletedTemplate: noKey,
  DeletedStylePreset: noKey,
  ClearedPromptHistory: noKey,
  ExportedStylePresets: noKey,
  ImportedStylePresets: noKey,
};
