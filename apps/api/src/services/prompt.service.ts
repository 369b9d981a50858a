import { createHash } from 'node:crypto';
import {
  NotFoundError,
  type PromptHistoryRecord,
  type SavedPromptInput,
  type SavedPromptRecord,
  type Viewer,
} from '@atelier/domain';
import { encodeCursor, type KeysetPage } from '../repositories/keyset';
import type { PromptHistoryRepository } from '../repositories/prompt-history.repository';
import type { SavedPromptRepository } from '../repositories/saved-prompt.repository';
import { normalizeTags } from './image-tags';

export interface PromptDeps {
  savedPrompts: SavedPromptRepository;
  promptHistory: PromptHistoryRepository;
}

/**
 * History keeps one entry per prompt, whatever its spacing or case: "A cat " and "a  cat" are the
 * same entry (the latest spelling is kept).
 */
export function promptDigest(prompt: string): string {
  const normalized = prompt.trim().replace(/\s+/g, ' ').toLowerCase();
  return createHash('sha256').update(normalized).digest('hex');
}

/** Saved prompts (the library) and prompt history (everything submitted). */
export class PromptService {
  constructor(private readonly deps: PromptDeps) {}

  list(
    viewer: Viewer,
    filter: { search: string | null; tag: string | null },
    page: KeysetPage,
  ): Promise<SavedPromptRecord[]> {
    return this.deps.savedPrompts.list(viewer.id, filter, page);
  }

  /** One of the viewer's saved prompts; null when there is none (someone else's included). */
  find(viewer: Viewer, id: string): Promise<SavedPromptRecord | null> {
    return this.deps.savedPrompts.findForOwner(viewer.id, id);
  }

  cursorOf(prompt: SavedPromptRecord): string {
    return encodeCursor({ createdAt: prompt.updatedAt, id: prompt.id });
  }

  save(viewer: Viewer, input: SavedPromptInput): Promise<SavedPromptRecord> {
    return this.deps.savedPrompts.insert(viewer.id, {
      ...input,
      tags: normalizeTags(input.tags, 'input.tags'),
    });
  }

  async update(viewer: Viewer, id: string, input: Partial<SavedPromptInput>): Promise<SavedPromptRecord> {
    const changes = input.tags ? { ...input, tags: normalizeTags(input.tags, 'input.tags') } : input;
    const updated = await this.deps.savedPrompts.update(viewer.id, id, changes);
    if (!updated) throw new NotFoundError('The saved prompt');
    return updated;
  }

  async delete(viewer: Viewer, id: string): Promise<void> {
    if (!(await this.deps.savedPrompts.delete(viewer.id, id))) throw new NotFoundError('The saved prompt');
  }

  history(viewer: Viewer, search: string | null, page: KeysetPage): Promise<PromptHistoryRecord[]> {
    return this.deps.promptHistory.list(viewer.id, search, page);
  }

  historyCursorOf(entry: PromptHistoryRecord): string {
    return encodeCursor({ createdAt: entry.lastUsedAt, id: entry.id });
  }

  /** Adds a submitted prompt to the history, or bumps its entry. */
  async remember(viewer: Viewer, prompt: string, negativePrompt: string | null): Promise<void> {
    if (!prompt.trim()) return;
    await this.deps.promptHistory.record({
      ownerId: viewer.id,
      prompt: prompt.trim(),
      negativePrompt: negativePrompt?.trim() || null,
      digest: promptDigest(prompt),
    });
  }

  async deleteHistoryEntry(viewer: Viewer, id: string): Promise<void> {
    if (!(await this.deps.promptHistory.delete(viewer.id, id))) throw new NotFoundError('The history entry');
  }

  clearHistory(viewer: Viewer): Promise<number> {
    return this.deps.promptHistory.clear(viewer.id);
  }
}
