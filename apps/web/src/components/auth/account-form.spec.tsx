// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AccountForm } from './account-form';

function renderSetupForm() {
  const onSubmit = vi.fn(async () => ({}));
  render(
    <AccountForm
      fields={['name', 'email', 'password']}
      newPassword
      submitLabel="Create account"
      pendingLabel="Creating account…"
      onSubmit={onSubmit}
    />,
  );
  return { user: userEvent.setup(), onSubmit };
}

describe('AccountForm (setup)', () => {
  it('says what is wrong with every field at once, without sending', async () => {
    const { user, onSubmit } = renderSetupForm();
    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'ada');
    await user.type(screen.getByLabelText('Password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.getByText('Enter your name.')).toBeTruthy();
    expect(screen.getByText('Enter an email address like name@example.com.')).toBeTruthy();
    expect(screen.getByText('Use at least 10 characters.')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('says the password rule once: the hint gives way to the error', async () => {
    const { user } = renderSetupForm();
    expect(screen.getByText(/At least 10 characters/)).toBeTruthy();
    await user.type(screen.getByLabelText('Password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.getAllByText(/10 characters/)).toHaveLength(1);
  });
});
