import { describe, expect, it } from 'vitest';
import { TemplateError, parseTemplate, tryParseTemplate, type VariableDeclaration } from './index';

const subject: VariableDeclaration = { name: 'subject', type: 'text', default: 'a cat' };
const style: VariableDeclaration = { name: 'style', type: 'choice', options: ['oil', 'ink'], default: 'oil' };

function errorOf(body: string, declarations: VariableDeclaration[] = [subject, style]): TemplateError {
  const { error } = tryParseTemplate(body, declarations);
  if (!error) throw new Error(`expected ${JSON.stringify(body)} to be refused`);
  return error;
}

describe('parseTemplate', () => {
  it('lists the variables in order of first use', () => {
    const template = parseTemplate('{style} painting of {subject}, {style} again', [subject, style]);
    expect(template.variables).toEqual(['style', 'subject']);
    expect(template.warnings).toEqual([]);
  });

  it('reads {{ and }} as literal braces', () => {
    const template = parseTemplate('{{not a variable}} and {subject}', [subject]);
    expect(template.segments).toEqual([
      { kind: 'text', text: '{not a variable} and ' },
      { kind: 'variable', name: 'subject', position: 23 },
    ]);
  });

  it('accepts a body without variables', () => {
    expect(parseTemplate('just text', []).variables).toEqual([]);
  });

  it('warns about a declared variable the body does not use', () => {
    const template = parseTemplate('{subject}', [subject, style]);
    expect(template.warnings).toEqual([{ message: '{style} is declared but not used.', variable: 'style' }]);
  });

  it('refuses an unclosed brace, pointing at it', () => {
    const error = errorOf('a {subject');
    expect(error.message).toMatch(/Unclosed/);
    expect(error.position).toBe(2);
  });

  it('refuses a brace opened inside a variable', () => {
    expect(errorOf('{sub{ject}').position).toBe(0);
  });

  it('refuses an unmatched closing brace', () => {
    const error = errorOf('a } b');
    expect(error.message).toMatch(/Unmatched/);
    expect(error.position).toBe(2);
  });

  it('refuses an empty name', () => {
    expect(errorOf('x {} y').message).toMatch(/needs a name/);
    expect(errorOf('x {  } y').position).toBe(2);
  });

  it('refuses names with spaces or symbols', () => {
    for (const body of ['{my subject}', '{sub-ject}', '{1st}', '{é}']) {
      expect(errorOf(body).message, body).toMatch(/not a valid variable name/);
    }
  });

  it('refuses an undeclared variable, naming it', () => {
    const error = errorOf('a {mood} {subject}');
    expect(error).toMatchObject({ variable: 'mood', position: 2 });
    expect(error.message).toBe('{mood} is used but not declared.');
  });

  it('refuses an empty body', () => {
    expect(errorOf('   ').message).toMatch(/empty/);
  });

  it('throws TemplateError from parseTemplate', () => {
    expect(() => parseTemplate('{oops', [])).toThrow(TemplateError);
  });
});

describe('declarations', () => {
  it('refuses a duplicate or badly named declaration', () => {
    expect(errorOf('{subject}', [subject, subject]).message).toMatch(/declared twice/);
    expect(errorOf('x', [{ name: 'bad name', type: 'text' }]).variable).toBe('bad name');
  });

  it('refuses a choice without options, with duplicates, or with a default outside them', () => {
    expect(errorOf('{c}', [{ name: 'c', type: 'choice', options: [] }]).message).toMatch(/at least one/);
    expect(errorOf('{c}', [{ name: 'c', type: 'choice', options: ['a', 'a'] }]).message).toMatch(/twice/);
    expect(errorOf('{c}', [{ name: 'c', type: 'choice', options: ['a', ' '] }]).message).toMatch(/empty/);
    expect(errorOf('{c}', [{ name: 'c', type: 'choice', options: ['a'], default: 'b' }]).message).toMatch(
      /must be one of its options/,
    );
  });

  it('refuses number bounds that cannot hold', () => {
    expect(errorOf('{n}', [{ name: 'n', type: 'number', min: 5, max: 1 }]).message).toMatch(
      /above its maximum/,
    );
    expect(errorOf('{n}', [{ name: 'n', type: 'number', min: 1, max: 5, default: 9 }]).message).toBe(
      'The default of {n} must be at most 5.',
    );
    expect(errorOf('{n}', [{ name: 'n', type: 'number', integer: true, default: 1.5 }]).message).toMatch(
      /whole number/,
    );
  });
});
