/** A variable of a template, as the author declared it. */
export type VariableDeclaration = TextVariable | ChoiceVariable | NumberVariable;

export interface TextVariable {
  name: string;
  type: 'text';
  default?: string | null;
}

export interface ChoiceVariable {
  name: string;
  type: 'choice';
  options: string[];
  default?: string | null;
}

export interface NumberVariable {
  name: string;
  type: 'number';
  min?: number | null;
  max?: number | null;
  default?: number | null;
  /** Only whole numbers are accepted when true. */
  integer?: boolean | null;
}

export type VariableType = VariableDeclaration['type'];

/** A value as it arrives from a form or a JSON document; numbers may come as text. */
export type TemplateValue = string | number;
export type TemplateValues = Readonly<Record<string, TemplateValue | null | undefined>>;
/** Values after checking: every variable the body uses, with its typed value. */
export type ResolvedValues = Record<string, TemplateValue>;

export type Segment = { kind: 'text'; text: string } | { kind: 'variable'; name: string; position: number };

export interface TemplateWarning {
  message: string;
  variable: string;
}

export interface ParsedTemplate {
  body: string;
  declarations: VariableDeclaration[];
  segments: Segment[];
  /** Names the body uses, in order of first use. */
  variables: string[];
  /** Declared but unused variables: allowed (a draft in progress), but worth telling the author. */
  warnings: TemplateWarning[];
}
