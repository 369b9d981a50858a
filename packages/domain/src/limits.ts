/** The longest prompt (or negative prompt) anything takes. */
export const MAX_PROMPT_LENGTH = 4000;
