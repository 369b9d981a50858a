// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider as UrqlProvider } from 'urql';
import { describe, expect, it } from 'vitest';
import { refusalFixture } from '../../lib/testing/fixtures';
import { createTestClient, type Fixture } from '../../lib/testing/urql';
import { TemplateEditor } from './template-editor';

function renderEditor(fixtures: Record<string, Fixture> = {}) {
  const saved: unknown[] = [];
  const test = createTestClient(fixtures);
  render(
    <UrqlProvider value={test.client}>
      <TemplateEditor template={null} onSaved={(template) => saved.push(template)} onDeleted={() => {}} />
    </UrqlProvider>,
  );
  return { saved };
}

// userEvent reads { and [ as key descriptors; doubled they type themselves.
const typed = (text: string) => text.replace(/[{[]/g, (c) => c + c);

describe('TemplateEditor', () => {
  it('says nothing is wrong before you type, and that the template is empty once you clear it', async () => {
    const user = userEvent.setup();
    renderEditor();
    expect(screen.queryByText(/The template is empty/)).toBeNull();
    expect(screen.getByTestId('template-preview-empty').textContent).toMatch(/as you type/);
    const body = screen.getByRole('textbox', { name: 'Template' });
    await user.type(body, 'x');
    await user.clear(body);
    expect(screen.getByTestId('template-preview-error').textContent).toBe('The template is empty.');
  });

  it('previews the prompt as you type, and offers to declare a new variable', async () => {
    const user = userEvent.setup();
    renderEditor();
    const body = screen.getByRole('textbox', { name: 'Template' });
    await user.type(body, typed('A fox at {time'));
    expect(screen.getByTestId('template-preview-error').textContent).toMatch(/Unclosed/);

    await user.type(body, '}');
    expect(screen.getByTestId('template-preview-error').textContent).toBe('{time} is used but not declared.');
    await user.click(screen.getByRole('button', { name: 'Declare {time}' }));

    const variable = screen.getByRole('group', { name: 'Variable time' });
    await user.selectOptions(variable.querySelector('select')!, 'CHOICE');
    await user.type(screen.getByRole('textbox', { name: 'Options' }), 'dawn{Enter}dusk');
    expect(screen.getByTestId('template-preview-error').textContent).toBe('Give a value for {time}.');
    await user.type(screen.getByRole('textbox', { name: 'Default' }), 'dusk');
    expect(screen.getByTestId('template-preview').textContent).toBe('A fox at dusk');
    await user.type(screen.getByRole('textbox', { name: 'Try a value' }), 'dawn');
    expect(screen.getByTestId('template-preview').textContent).toBe('A fox at dawn');
  });

  it('sends the declarations and shows where the server found a problem', async () => {
    const user = userEvent.setup();
    const inputs: unknown[] = [];
    renderEditor({
      TemplateEditor_Create: (variables) => {
        inputs.push(variables.input);
        return {
          createTemplate: {
            ...refusalFixture('InvalidTemplateError'),
            message: 'A template with that name is not allowed.',
            field: 'input.name',
            position: null,
            variable: null,
          },
        };
      },
    });
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Coast');
    await user.type(screen.getByRole('textbox', { name: 'Template' }), 'plain text');
    await user.click(screen.getByRole('button', { name: 'Create template' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('A template with that name is not allowed.'),
    );
    expect(inputs).toEqual([{ name: 'Coast', body: 'plain text', variables: [] }]);
  });
});
