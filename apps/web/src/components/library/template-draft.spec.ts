import { describe, expect, it } from 'vitest';
import {
  draftsOf,
  newVariable,
  previewTemplate,
  usedNames,
  variableInputs,
  type VariableDraft,
} from './template-draft';

const subject: VariableDraft = { ...newVariable('subject'), default: 'a fox' };
const mood: VariableDraft = {
  ...newVariable('mood'),
  type: 'CHOICE',
  options: 'calm\nstormy\n',
  default: 'calm',
};
const count: VariableDraft = { ...newVariable('count'), type: 'NUMBER', min: '1', max: '5', integer: true };

describe('template editor preview', () => {
  it('expands the body with defaults and typed values as you type', () => {
    expect(previewTemplate('{subject} on a {mood} sea', [subject, mood]).prompt).toBe('a fox on a calm sea');
    expect(previewTemplate('{subject} on a {mood} sea', [subject, mood], { mood: 'stormy' }).prompt).toBe(
      'a fox on a stormy sea',
    );
  });

  it('treats an emptied field as "use the default"', () => {
    expect(previewTemplate('{subject}', [subject], { subject: '' }).prompt).toBe('a fox');
  });

  it('says what is wrong and where, and offers to declare unknown variables', () => {
    const preview = previewTemplate('{subject} with {boats} boats', [subject]);
    expect(preview.prompt).toBeNull();
    expect(preview.error).toMatchObject({ variable: 'boats', position: 15 });
    expect(preview.undeclared).toEqual(['boats']);
    expect(previewTemplate('a {broken', []).error?.message).toMatch(/Unclosed/);
  });

  it('checks number values and declarations like the server does', () => {
    expect(previewTemplate('{count} birds', [count], { count: '9' }).error?.message).toBe(
      '{count} must be at most 5.',
    );
    expect(previewTemplate('{count}', [{ ...count, default: 'lots' }]).error?.message).toBe(
      'The default of {count} must be a number.',
    );
    expect(previewTemplate('{count}', [count]).error?.message).toBe('Give a value for {count}.');
  });

  it('warns about declared variables the body does not use', () => {
    expect(previewTemplate('{subject}', [subject, mood]).warnings).toEqual([
      '{mood} is declared but not used.',
    ]);
  });

  it('round-trips declarations between the editor and the API', () => {
    const inputs = variableInputs([subject, mood, count]);
    expect(inputs).toEqual([
      { name: 'subject', type: 'TEXT', default: 'a fox' },
      { name: 'mood', type: 'CHOICE', options: ['calm', 'stormy'], default: 'calm' },
      { name: 'count', type: 'NUMBER', default: null, min: 1, max: 5, integer: true },
    ]);
    const back = draftsOf(
      inputs.map((i) => ({
        name: i.name,
        type: i.type,
        options: i.options ?? null,
        default: i.default ?? null,
        min: i.min ?? null,
        max: i.max ?? null,
        integer: i.integer ?? false,
      })),
    );
    expect(back[1]).toEqual({ ...mood, options: 'calm\nstormy' });
    expect(back[2]).toEqual(count);
  });

  it('finds the names a body uses, skipping escaped braces', () => {
    expect(usedNames('{{literal}} {a} {b} {a} {bad name}')).toEqual(['a', 'b']);
  });
});
