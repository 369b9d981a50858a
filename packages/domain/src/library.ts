export type LibraryItemKind =
  | 'COLLECTION'
  | 'SAVED_PROMPT'
  | 'PROMPT_HISTORY'
  | 'TEMPLATE'
  | 'STYLE_PRESET'
  | 'BATCH'
  /** Changes may have been missed (the server lost its event connection): read everything again. */
  | 'EVERYTHING';

/** What NOTIFY carries about a change in someone's library: which item, never the item itself. */
export interface LibraryEvent {
  kind: LibraryItemKind;
  itemId: string;
  removed: boolean;
}
