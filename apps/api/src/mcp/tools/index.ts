import { runBatch } from './batch.tools';
import { addToCollection, createCollection, listCollections } from './collections.tools';
import { createVariations, editImage, enhanceImage, generateImages, restyleImage } from './generation.tools';
import { getImage, searchImages } from './images.tools';
import { cancelJob, getJob } from './jobs.tools';
import { savePrompt, searchPrompts } from './prompts.tools';
import { listProviders } from './providers.tools';
import { shareImage } from './sharing.tools';
import { expandTemplateTool, listStylePresets, listTemplates } from './templates.tools';

/** Every tool the MCP door offers, in the order a model reads them. */
export const atelierTools = [
  listProviders,
  generateImages,
  createVariations,
  enhanceImage,
  restyleImage,
  editImage,
  getJob,
  cancelJob,
  runBatch,
  searchImages,
  getImage,
  listCollections,
  createCollection,
  addToCollection,
  savePrompt,
  searchPrompts,
  listTemplates,
  expandTemplateTool,
  listStylePresets,
  shareImage,
] as const;
