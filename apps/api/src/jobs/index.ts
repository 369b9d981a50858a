import type { GenerationService } from '../services/generation.service';
import { GenerateImages, generateImagesTask } from './generate-images.task';
import { toTaskList } from './kit';

export const taskDefinitions = [GenerateImages];

export function createTaskList(services: { generation: GenerationService }) {
  return toTaskList(taskDefinitions, [generateImagesTask(services.generation)]);
}
