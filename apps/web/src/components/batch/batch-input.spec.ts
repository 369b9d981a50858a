import { describe, expect, it } from 'vitest';
import { cleanValues, describeIssue, matrixLabel, parseCsv, parsePromptList } from './batch-input';

describe('parsePromptList', () => {
  it('reads one prompt per non-empty line', () => {
    expect(parsePromptList('a fox\n\n  an owl  \r\na lighthouse\n')).toEqual({
      prompts: [{ prompt: 'a fox' }, { prompt: 'an owl' }, { prompt: 'a lighthouse' }],
      problems: [],
    });
  });

  it('reads a CSV with prompt, negative prompt and seed columns, quotes and commas included', () => {
    const csv = 'prompt,negativePrompt,seed\n"a fox, in snow",blur,42\nan owl,,\n';
    expect(parsePromptList(csv)).toEqual({
      prompts: [{ prompt: 'a fox, in snow', negativePrompt: 'blur', seed: 42 }, { prompt: 'an owl' }],
      problems: [],
    });
  });

  it('names the row of a bad seed and skips rows without a prompt', () => {
    const { prompts, problems } = parseCsv('Prompt,Seed\nfox,12x\n,5\nowl,7\n');
    expect(prompts).toEqual([{ prompt: 'fox' }, { prompt: 'owl', seed: 7 }]);
    expect(problems).toEqual(['Row 2: seed "12x" is not a whole number from 0 to 2147483647.']);
  });

  it('asks for a prompt column when the header has none', () => {
    expect(parseCsv('title,seed\nfox,1\n').problems[0]).toMatch(/"prompt" column/);
  });
});

describe('matrixLabel', () => {
  it('shows the product before submitting', () => {
    expect(matrixLabel([2, 2])).toBe('2 × 2 = 4 images');
    expect(matrixLabel([3, 2], 2)).toBe('3 × 2 × 2 = 12 images');
    expect(matrixLabel([0])).toBe('1 image');
  });
});

describe('describeIssue', () => {
  it('names the item by its place, counting from 1', () => {
    expect(describeIssue('input.prompts.3.prompt', 'prompt must not be empty')).toBe(
      'Prompt 4: prompt must not be empty',
    );
    expect(describeIssue('input.compare.targets.1.model', 'no such model')).toBe(
      'Target 2 (model): no such model',
    );
    expect(describeIssue('input.newCollectionName', 'enter a name')).toBe('newCollectionName: enter a name');
  });
});

describe('cleanValues', () => {
  it('drops blank values', () => {
    expect(cleanValues({ animal: ['fox', ' ', 'owl ', ''] })).toEqual({ animal: ['fox', 'owl'] });
  });
});
