import { describe, expect, it } from 'vitest';
import { editInstructionOf, paramFacts } from './params-block';

describe('paramFacts', () => {
  it('lists the parameters as labelled words, known ones first, without what the page shows already', () => {
    expect(
      paramFacts({
        width: 1024,
        height: 768,
        zebraMode: true,
        scale: 2,
        steps: 30,
        quality: 'HIGH',
        editInstruction: 'a red moon',
        negative_prompt_strength: 0.4,
        aspectRatio: null,
      }),
    ).toEqual([
      ['Quality', 'High'],
      ['Steps', '30'],
      ['Scale', '×2'],
      ['Negative prompt strength', '0.4'],
      ['Zebra mode', 'Yes'],
    ]);
  });

  it('shows nothing for no parameters', () => {
    expect(paramFacts(null)).toEqual([]);
    expect(paramFacts({})).toEqual([]);
  });

  it('reads the edit instruction an edited image was made with', () => {
    expect(editInstructionOf({ editInstruction: 'a red moon' })).toBe('a red moon');
    expect(editInstructionOf({ steps: 4 })).toBeNull();
  });
});
