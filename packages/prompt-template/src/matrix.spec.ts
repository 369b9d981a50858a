import { describe, expect, it } from 'vitest';
import { MATRIX_LIMIT, expandMatrix, matrixSize, parseTemplate, type VariableDeclaration } from './index';

const declarations: VariableDeclaration[] = [
  { name: 'subject', type: 'text', default: 'cat' },
  { name: 'style', type: 'choice', options: ['oil', 'ink', 'clay'], default: 'oil' },
  { name: 'n', type: 'number', min: 0, max: 1000, integer: true, default: 1 },
];
const template = parseTemplate('{subject} in {style}', declarations);

describe('expandMatrix', () => {
  it('makes every combination, first variable outermost', () => {
    const entries = expandMatrix(template, { subject: ['cat', 'dog'], style: ['oil', 'ink'] });
    expect(entries.map((entry) => entry.prompt)).toEqual([
      'cat in oil',
      'cat in ink',
      'dog in oil',
      'dog in ink',
    ]);
    expect(entries[3]!.values).toEqual({ subject: 'dog', style: 'ink' });
  });

  it('uses the default for a variable without a list', () => {
    expect(expandMatrix(template, { style: ['clay'] }).map((entry) => entry.prompt)).toEqual(['cat in clay']);
    expect(expandMatrix(template, { subject: [] })).toHaveLength(1);
  });

  it('counts the prompts before expanding', () => {
    expect(matrixSize(template, { subject: ['a', 'b', 'c'], style: ['oil', 'ink'] })).toBe(6);
    expect(matrixSize(template, {})).toBe(1);
  });

  it('ignores lists for declared but unused variables in the count', () => {
    expect(matrixSize(template, { n: [1, 2, 3] })).toBe(1);
  });

  it(`refuses more than ${MATRIX_LIMIT} prompts`, () => {
    const numbered = parseTemplate('{subject} {n}', declarations);
    const many = Array.from({ length: 101 }, (_, index) => index);
    expect(matrixSize(numbered, { n: many })).toBe(101);
    expect(() => expandMatrix(numbered, { n: many })).toThrow(/101 prompts; the limit is 100/);
    expect(expandMatrix(numbered, { n: many.slice(0, 100) })).toHaveLength(100);
  });

  it('checks every listed value', () => {
    expect(() => expandMatrix(template, { style: ['oil', 'pastel'] })).toThrow(/must be one of/);
    expect(() => expandMatrix(template, { mood: ['calm'] })).toThrow(/no variable \{mood\}/);
  });
});
