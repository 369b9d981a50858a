import {
  colourAliases,
  featureColourTarget,
  lexicon,
  namedColours,
  negativeGroups,
  phrases,
  sceneFeatures,
  stopWords,
  type ColourName,
  type ColourTarget,
  type LexiconEntry,
  type Mood,
  type SceneFeature,
  type TimeOfDay,
} from './vocabulary';

export interface ColourMention {
  colour: ColourName;
  /** What the colour paints, or null when it tints the whole scene. */
  target: ColourTarget | null;
}

export interface SceneDescription {
  /** Every word of the prompt, lowercased, without punctuation: what the layout hash is made from. */
  words: readonly string[];
  features: ReadonlySet<SceneFeature>;
  /** What the prompt itself names, before the negative prompt removes anything. */
  named: ReadonlySet<SceneFeature>;
  excluded: ReadonlySet<SceneFeature>;
  /** null when the prompt names no time of day; the planner then picks one from the hash. */
  time: TimeOfDay | null;
  excludedTimes: ReadonlySet<TimeOfDay>;
  moods: readonly Mood[];
  colours: readonly ColourMention[];
  excludedColours: readonly ColourName[];
  /** Words the reader does not know; each still nudges palette and layout. */
  unknownWords: readonly string[];
  /** The vocabulary words found in the prompt, in order, singular. */
  recognised: readonly string[];
}

interface Token {
  word: string;
  /** The vocabulary key this token matched, when it matched one. */
  key: string | null;
  entry: LexiconEntry | null;
  colour: ColourName | null;
}

const colourWord = (word: string): ColourName | null => {
  if (word in namedColours) return word as ColourName;
  return colourAliases[word] ?? null;
};

/** A word's possible singular forms, most likely first. */
function wordForms(word: string): string[] {
  const forms = [word];
  if (word.endsWith('ies') && word.length > 4) forms.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('ves') && word.length > 4) forms.push(`${word.slice(0, -3)}f`);
  if (word.endsWith('es') && word.length > 3) forms.push(word.slice(0, -2));
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 2) forms.push(word.slice(0, -1));
  if (word.endsWith('ish') && word.length > 5) {
    const stem = word.slice(0, -3);
    forms.push(stem, `${stem}e`, stem.slice(0, -1));
  }
  return forms;
}

function splitWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’]/g, '')
    .split(/[^a-z]+/)
    .filter((word) => word.length > 0);
}

function tokenize(words: readonly string[]): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const next = words[i + 1];
    if (next !== undefined) {
      const phrase = wordForms(next)
        .map((form) => `${word} ${form}`)
        .find((candidate) => candidate in phrases);
      if (phrase !== undefined) {
        tokens.push({ word: `${word} ${next}`, key: phrase, entry: phrases[phrase] ?? null, colour: null });
        i++;
        continue;
      }
    }
    let matched: Token = { word, key: null, entry: null, colour: null };
    for (const form of wordForms(word)) {
      const colour = colourWord(form);
      const entry = lexicon[form];
      if (colour !== null || entry !== undefined) {
        matched = { word, key: colour ?? form, entry: entry ?? null, colour };
        break;
      }
    }
    tokens.push(matched);
  }
  return tokens;
}

function targetOf(token: Token): ColourTarget | null {
  const entry = token.entry;
  if (entry === null) return null;
  if (entry.target !== undefined) return entry.target;
  const first = entry.features?.[0];
  if (first !== undefined) return featureColourTarget[first];
  if (entry.time !== undefined) return 'sky';
  return null;
}

/** A colour paints the first scene word within the next three words: "red desert dunes under a purple sky". */
function bindColour(tokens: readonly Token[], index: number): ColourTarget | null {
  for (let j = index + 1; j <= index + 3 && j < tokens.length; j++) {
    const target = targetOf(tokens[j] as Token);
    if (target !== null) return target;
  }
  return null;
}

function negativeFeatures(token: Token): readonly SceneFeature[] {
  for (const form of wordForms(token.word)) {
    const group = negativeGroups[form];
    if (group !== undefined) return group;
  }
  return token.entry?.features ?? [];
}

const waterFeatures: readonly SceneFeature[] = ['sea', 'lake', 'river'];

/** Features that make no sense alone: a boat needs water, a storm brings clouds. */
function addImplied(features: Set<SceneFeature>, excluded: ReadonlySet<SceneFeature>): void {
  const add = (feature: SceneFeature): void => {
    if (!excluded.has(feature)) features.add(feature);
  };
  const hasWater = waterFeatures.some((water) => features.has(water));
  if (!hasWater && ['boat', 'lighthouse', 'island', 'beach'].some((f) => features.has(f as SceneFeature))) {
    add('sea');
  }
  if (features.has('storm')) {
    add('cloud');
    if (!features.has('snow')) add('rain');
  }
  if (features.has('dune')) add('desert');
}

export function readPrompt(prompt: string, negativePrompt: string | null = null): SceneDescription {
  const words = splitWords(prompt);
  const tokens = tokenize(words);
  const negativeTokens = tokenize(splitWords(negativePrompt ?? ''));

  const excluded = new Set<SceneFeature>();
  const excludedTimes = new Set<TimeOfDay>();
  const excludedMoods = new Set<Mood>();
  const excludedColours: ColourName[] = [];
  for (const token of negativeTokens) {
    for (const feature of negativeFeatures(token)) excluded.add(feature);
    if (token.entry?.time !== undefined) excludedTimes.add(token.entry.time);
    for (const mood of token.entry?.moods ?? []) excludedMoods.add(mood);
    if (token.colour !== null && !excludedColours.includes(token.colour)) excludedColours.push(token.colour);
  }

  const features = new Set<SceneFeature>();
  const named = new Set<SceneFeature>();
  const moodList: Mood[] = [];
  const colours: ColourMention[] = [];
  const unknownWords: string[] = [];
  const recognised: string[] = [];
  let time: TimeOfDay | null = null;

  for (const [index, token] of tokens.entries()) {
    if (token.key !== null) {
      if (!recognised.includes(token.key)) recognised.push(token.key);
    } else if (!stopWords.has(token.word)) {
      unknownWords.push(token.word);
    }
    if (token.colour !== null && !excludedColours.includes(token.colour)) {
      colours.push({ colour: token.colour, target: bindColour(tokens, index) });
    }
    const entry = token.entry;
    if (entry === null) continue;
    if (entry.colour !== undefined) colours.push({ colour: entry.colour, target: entry.target ?? null });
    for (const feature of entry.features ?? []) {
      named.add(feature);
      if (!excluded.has(feature)) features.add(feature);
    }
    for (const mood of entry.moods ?? []) {
      if (!excludedMoods.has(mood) && !moodList.includes(mood)) moodList.push(mood);
    }
    if (entry.time !== undefined && time === null && !excludedTimes.has(entry.time)) time = entry.time;
  }

  addImplied(features, excluded);
  if (moodList.includes('misty') && !excluded.has('fog')) features.add('fog');
  if (time === null && ['star', 'moon', 'aurora'].some((f) => features.has(f as SceneFeature))) {
    time = excludedTimes.has('night') ? 'dusk' : 'night';
  }

  const ordered = new Set(sceneFeatures.filter((feature) => features.has(feature)));
  return {
    words,
    features: ordered,
    named,
    excluded,
    time,
    excludedTimes,
    moods: moodList,
    colours,
    excludedColours,
    unknownWords,
    recognised,
  };
}
