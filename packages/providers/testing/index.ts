/** Faithful fake HTTP servers of the paid providers, for tests, e2e and `pnpm dev` without keys. */
export { startBflFake, type BflFake, type BflFakeOptions } from './bfl/bfl-fake';
export { startIdeogramFake, type IdeogramFake, type IdeogramFakeOptions } from './ideogram/ideogram-fake';
