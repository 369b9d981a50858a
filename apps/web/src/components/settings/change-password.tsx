import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import {
  accountErrorMessage,
  issuesToErrors,
  noErrors,
  requestFailedMessage,
  type FormErrors,
} from '../auth/form-errors';
import { Field } from '../ui/field';
import './settings.css';

export const ChangePassword_ChangePassword = graphql(`
  mutation ChangePassword_ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      __typename
      ... on ChangePasswordSuccess {
        data
      }
      ...FormErrors_Error
    }
  }
`);

type PasswordField = 'currentPassword' | 'newPassword';

/** Current and new password; the server signs out this account's other sessions. */
export function ChangePassword({ onChanged }: { onChanged?: () => void } = {}) {
  const [, changePassword] = useMutation(ChangePassword_ChangePassword);
  const [values, setValues] = useState({ currentPassword: '', newPassword: '' });
  const [errors, setErrors] = useState<FormErrors<PasswordField>>(noErrors);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);

  const change = (field: PasswordField, value: string) => {
    setValues((prev) => ({ ...prev, [field]: value }));
    setDone(false);
    if (errors.fields[field]) {
      setErrors((prev) => ({ ...prev, fields: { ...prev.fields, [field]: undefined } }));
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const missing: Partial<Record<PasswordField, string>> = {};
    if (!values.currentPassword) missing.currentPassword = 'Enter the password you sign in with now.';
    if (values.newPassword.length < 10) missing.newPassword = 'Use at least 10 characters.';
    if (Object.keys(missing).length > 0) {
      setErrors({ fields: missing, form: null });
      return;
    }
    setErrors(noErrors());
    setPending(true);
    const result = await changePassword({ input: values });
    setPending(false);
    const outcome = result.data?.changePassword;
    if (result.error || !outcome) {
      setErrors({ fields: {}, form: requestFailedMessage(result.error) });
    } else if (outcome.__typename === 'ChangePasswordSuccess') {
      setValues({ currentPassword: '', newPassword: '' });
      setDone(true);
      onChanged?.();
    } else if (outcome.__typename === 'InvalidInputError') {
      setErrors(
        issuesToErrors(
          outcome.issues,
          { currentPassword: 'currentPassword', newPassword: 'newPassword' },
          outcome.message,
        ),
      );
    } else if (outcome.code === 'INVALID_CREDENTIALS') {
      setErrors({ fields: { currentPassword: 'This is not your current password.' }, form: null });
    } else {
      setErrors({ fields: {}, form: accountErrorMessage(outcome) });
    }
  };

  return (
    <form className="password-form" noValidate onSubmit={(event) => void submit(event)}>
      <Field label="Current password" error={errors.fields.currentPassword}>
        {(control) => (
          <input
            {...control}
            className="input"
            type="password"
            autoComplete="current-password"
            value={values.currentPassword}
            onChange={(event) => change('currentPassword', event.target.value)}
          />
        )}
      </Field>
      <Field
        label="New password"
        error={errors.fields.newPassword}
        hint="At least 10 characters. Your other sessions are signed out; this one stays."
      >
        {(control) => (
          <input
            {...control}
            className="input"
            type="password"
            autoComplete="new-password"
            value={values.newPassword}
            onChange={(event) => change('newPassword', event.target.value)}
          />
        )}
      </Field>
      {errors.form && (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-busy={pending || undefined}>
          Change password
        </button>
        <span className="form-done" role="status">
          {done ? 'Password changed. Your other sessions were signed out.' : ''}
        </span>
      </div>
    </form>
  );
}
