import { describe, expect, it } from 'vitest';
import { readPrompt } from './prompt-reader';

describe('readPrompt', () => {
  it('finds scene words whatever their case, plural or punctuation', () => {
    const scene = readPrompt('MOUNTAINS, Skies and dunes; two Beaches!');
    expect([...scene.features]).toEqual(expect.arrayContaining(['mountain', 'sky', 'dune', 'beach']));
    expect(scene.recognised).toEqual(['mountain', 'sky', 'dune', 'beach']);
  });

  it('matches whole words only', () => {
    const scene = readPrompt('a seasoned skyscraper-less suntan');
    expect(scene.features.has('sea')).toBe(false);
    expect(scene.features.has('sun')).toBe(false);
    expect(scene.unknownWords).toEqual(['seasoned', 'less', 'suntan']);
  });

  it('reads the time of day, and takes the first one named', () => {
    expect(readPrompt('a beach at sunrise').time).toBe('dawn');
    expect(readPrompt('midnight in the city, then dawn').time).toBe('night');
    expect(readPrompt('a quiet harbour').time).toBeNull();
  });

  it('gives a sunset its sun and a starry sky its night', () => {
    expect(readPrompt('sunset over the hills').features.has('sun')).toBe(true);
    expect(readPrompt('stars above the desert').time).toBe('night');
  });

  it('binds a colour to the scene word that follows it', () => {
    const scene = readPrompt('red desert dunes under a purple sky with golden light');
    expect(scene.colours).toEqual([
      { colour: 'red', target: 'land' },
      { colour: 'purple', target: 'sky' },
      { colour: 'gold', target: 'light' },
    ]);
  });

  it('lets an unattached colour tint the whole scene', () => {
    expect(readPrompt('everything is blue').colours).toEqual([{ colour: 'blue', target: null }]);
    expect(readPrompt('a pinkish haze').colours[0]?.colour).toBe('pink');
  });

  it('reads moods, including the ones carried by scene words', () => {
    const scene = readPrompt('a stormy, gloomy and misty sea');
    expect(scene.moods).toEqual(['stormy', 'gloomy', 'misty']);
    expect(scene.features.has('storm')).toBe(true);
    expect(scene.features.has('fog')).toBe(true);
  });

  it('recognises two-word names', () => {
    const scene = readPrompt('Northern Lights over the milky way');
    expect(scene.features.has('aurora')).toBe(true);
    expect(scene.features.has('star')).toBe(true);
    expect(scene.time).toBe('night');
  });

  it('adds what a scene word needs: a boat needs water, a storm brings clouds and rain', () => {
    expect(readPrompt('a small boat').features.has('sea')).toBe(true);
    expect(readPrompt('a boat on the lake').features.has('sea')).toBe(false);
    const storm = readPrompt('a storm');
    expect(storm.features.has('cloud')).toBe(true);
    expect(storm.features.has('rain')).toBe(true);
  });

  it('removes what the negative prompt names, even when the prompt or a scene word implies it', () => {
    const scene = readPrompt('sunset over the sea with clouds and a boat', 'sun, clouds, water');
    expect(scene.features.has('sun')).toBe(false);
    expect(scene.features.has('cloud')).toBe(false);
    expect(scene.features.has('sea')).toBe(false);
    expect(scene.features.has('boat')).toBe(true);
    expect([...scene.excluded]).toEqual(expect.arrayContaining(['sun', 'cloud', 'sea', 'lake', 'river']));
    expect(scene.time).toBe('sunset');
  });

  it('drops negative colours, moods and times', () => {
    const scene = readPrompt('a dark red sunset over a calm sea', 'red, calm, sunset');
    expect(scene.colours).toEqual([]);
    expect(scene.excludedColours).toEqual(['red']);
    expect(scene.moods).toEqual(['dark']);
    expect(scene.time).toBeNull();
    expect(scene.excludedTimes.has('sunset')).toBe(true);
  });

  it('keeps the words it does not know, for the hash', () => {
    const scene = readPrompt('xyzzy plugh over the sea');
    expect(scene.unknownWords).toEqual(['xyzzy', 'plugh']);
    expect(scene.words).toEqual(['xyzzy', 'plugh', 'over', 'the', 'sea']);
  });
});
