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
import type { Viewer } from '../auth/session';
import { Field } from '../ui/field';

export const ProfileForm_UpdateAccount = graphql(`
  mutation ProfileForm_UpdateAccount($input: UpdateAccountInput!) {
    updateAccount(input: $input) {
      __typename
      ... on Account {
        id
        displayName
        email
      }
      ...FormErrors_Error
    }
  }
`);

type ProfileField = 'displayName' | 'email';

/** Your name and sign-in email; the session (and every screen showing them) follows the answer. */
export function ProfileForm({ viewer }: { viewer: Viewer }) {
  const [, update] = useMutation(ProfileForm_UpdateAccount);
  const [values, setValues] = useState({ displayName: viewer.displayName, email: viewer.email ?? '' });
  const [errors, setErrors] = useState<FormErrors<ProfileField>>(noErrors);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);

  const change = (field: ProfileField, value: string) => {
    setValues((prev) => ({ ...prev, [field]: value }));
    setDone(false);
    if (errors.fields[field]) {
      setErrors((prev) => ({ ...prev, fields: { ...prev.fields, [field]: undefined } }));
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const missing: Partial<Record<ProfileField, string>> = {};
    if (!values.displayName.trim()) missing.displayName = 'Enter the name people see.';
    if (!/^\S+@\S+\.\S+$/.test(values.email.trim())) {
      missing.email = 'Enter an email address, like you@example.com.';
    }
    if (Object.keys(missing).length > 0) {
      setErrors({ fields: missing, form: null });
      return;
    }
    setErrors(noErrors());
    setPending(true);
    const result = await update({
      input: { displayName: values.displayName.trim(), email: values.email.trim() },
    });
    setPending(false);
    const outcome = result.data?.updateAccount;
    if (result.error || !outcome) {
      setErrors({ fields: {}, form: requestFailedMessage(result.error) });
    } else if (outcome.__typename === 'Account') {
      setValues({ displayName: outcome.displayName, email: outcome.email ?? '' });
      setDone(true);
    } else if (outcome.__typename === 'InvalidInputError' && outcome.code === 'CONFLICT') {
      setErrors({ fields: { email: 'Another account already uses this email.' }, form: null });
    } else if (outcome.__typename === 'InvalidInputError') {
      setErrors(
        issuesToErrors(outcome.issues, { displayName: 'displayName', email: 'email' }, outcome.message),
      );
    } else {
      setErrors({ fields: {}, form: accountErrorMessage(outcome) });
    }
  };

  return (
    <form className="profile-form" noValidate onSubmit={(event) => void submit(event)}>
      <Field label="Name" error={errors.fields.displayName}>
        {(control) => (
          <input
            {...control}
            className="input"
            autoComplete="name"
            value={values.displayName}
            onChange={(event) => change('displayName', event.target.value)}
          />
        )}
      </Field>
      <Field label="Email" error={errors.fields.email} hint="You sign in with it.">
        {(control) => (
          <input
            {...control}
            className="input"
            type="email"
            autoComplete="email"
            value={values.email}
            onChange={(event) => change('email', event.target.value)}
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
          Save
        </button>
        <span className="form-done" role="status">
          {done ? 'Saved.' : ''}
        </span>
      </div>
    </form>
  );
}
