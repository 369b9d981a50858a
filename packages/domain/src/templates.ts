import type { TemplateValue, VariableDeclaration } from '@atelier/prompt-template';

/** A variable declaration as a form sends it: every value as text, numbers included. */
export interface TemplateVariableInput {
  name: string;
  type: VariableDeclaration['type'];
  options: string[] | null;
  default: string | null;
  min: number | null;
  max: number | null;
  integer: boolean | null;
}

export interface PromptTemplateRecord {
  id: string;
  name: string;
  latestVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface PromptTemplateVersionRecord {
  templateId: string;
  version: number;
  body: string;
  variables: VariableDeclaration[];
  createdAt: Date;
}

export interface TemplatePreviewRecord {
  prompt: string;
  variables: string[];
  warnings: string[];
}

/** Which template (and version, values) a generation request or an image used. */
export interface TemplateUse {
  id: string;
  version: number;
  values: Record<string, TemplateValue>;
}
