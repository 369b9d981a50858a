import { describe, expect, it } from 'vitest';
import { expandTemplate, parseTemplate, resolveValues, type VariableDeclaration } from './index';

const declarations: VariableDeclaration[] = [
  { name: 'subject', type: 'text', default: 'a cat' },
  { name: 'style', type: 'choice', options: ['oil', 'ink'], default: 'oil' },
  { name: 'count', type: 'number', min: 1, max: 10, integer: true },
  { name: 'scale', type: 'number', default: 0.5 },
];
const template = parseTemplate('{count}x {subject}, {style} at {scale} {{hd}}', declarations);

describe('expandTemplate', () => {
  it('fills the variables with the values given', () => {
    expect(expandTemplate(template, { subject: 'a fox', style: 'ink', count: 3, scale: 2 })).toBe(
      '3x a fox, ink at 2 {hd}',
    );
  });

  it('falls back to the defaults for missing values', () => {
    expect(expandTemplate(template, { count: 2 })).toBe('2x a cat, oil at 0.5 {hd}');
  });

  it('accepts numbers typed as text', () => {
    expect(resolveValues(template, { count: ' 4 ' })).toMatchObject({ count: 4 });
  });

  it('keeps an empty text value instead of the default', () => {
    expect(expandTemplate(template, { count: 1, subject: '' })).toBe('1x , oil at 0.5 {hd}');
  });

  it('asks for a value without default', () => {
    expect(() => expandTemplate(template, {})).toThrow('Give a value for {count}.');
  });

  it('checks each value against its type', () => {
    expect(() => expandTemplate(template, { count: 0 })).toThrow('{count} must be at least 1.');
    expect(() => expandTemplate(template, { count: 11 })).toThrow('{count} must be at most 10.');
    expect(() => expandTemplate(template, { count: 1.5 })).toThrow('{count} must be a whole number.');
    expect(() => expandTemplate(template, { count: 'many' })).toThrow('{count} must be a number.');
    expect(() => expandTemplate(template, { count: 1, style: 'watercolor' })).toThrow(
      '{style} must be one of: oil, ink.',
    );
    expect(() => expandTemplate(template, { count: 1, subject: 5 })).toThrow('{subject} must be text.');
  });

  it('refuses values for variables the template does not have', () => {
    expect(() => expandTemplate(template, { count: 1, mood: 'calm' })).toThrow(
      expect.objectContaining({ variable: 'mood' }),
    );
  });

  it('ignores values for declared but unused variables', () => {
    const partial = parseTemplate('{subject}', declarations);
    expect(resolveValues(partial, { subject: 'x', count: 3 })).toEqual({ subject: 'x' });
  });
});
