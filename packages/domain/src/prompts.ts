export interface SavedPromptRecord {
  id: string;
  title: string;
  prompt: string;
  negativePrompt: string | null;
  tags: string[];
  notes: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface SavedPromptInput {
  title: string;
  prompt: string;
  negativePrompt: string | null;
  tags: string[];
  notes: string;
}

export interface PromptHistoryRecord {
  id: string;
  prompt: string;
  negativePrompt: string | null;
  uses: number;
  firstUsedAt: Date;
  lastUsedAt: Date;
}
