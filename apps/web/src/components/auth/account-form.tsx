import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { Field } from '../ui/field';
import {
  accountErrorMessage,
  issuesToErrors,
  noErrors,
  requestFailedMessage,
  type FormErrors,
  type TypedErrorLike,
} from './form-errors';
import './auth.css';

export type AccountField = 'name' | 'email' | 'password';

const FIELD_OF: Record<string, AccountField> = {
  displayName: 'name',
  email: 'email',
  password: 'password',
};

export interface AccountValues {
  name: string;
  email: string;
  password: string;
}

/** What setup, sign-up and sign-in answer: the account, or a typed error. */
export type AccountOutcome = TypedErrorLike;

export interface SubmitAnswer {
  error?: CombinedError | undefined;
  outcome?: AccountOutcome | null | undefined;
}

/** Sorts an answer into errors beside the fields and above the button; null when it worked. */
export function accountFormErrors(answer: SubmitAnswer): FormErrors<AccountField> | null {
  const { error, outcome } = answer;
  if (error || !outcome) return { fields: {}, form: requestFailedMessage(error) };
  switch (outcome.__typename) {
    case 'Account':
      return null;
    case 'InvalidInputError':
      return issuesToErrors(outcome.issues ?? [], FIELD_OF, outcome.message);
    default:
      if (outcome.code === 'CONFLICT') return { fields: { email: accountErrorMessage(outcome) }, form: null };
      return { fields: {}, form: accountErrorMessage(outcome) };
  }
}

function checkFilled(values: AccountValues, fields: readonly AccountField[], newPassword: boolean) {
  const errors: Partial<Record<AccountField, string>> = {};
  if (fields.includes('name') && !values.name.trim()) errors.name = 'Enter your name.';
  if (!values.email.trim()) errors.email = 'Enter your email address.';
  else if (!/^[^\s@]+@[^\s@]+$/.test(values.email.trim())) {
    errors.email = 'Enter an email address like name@example.com.';
  }
  if (!values.password) errors.password = 'Enter a password.';
  else if (newPassword && values.password.length < 10) errors.password = 'Use at least 10 characters.';
  return errors;
}

interface AccountFormProps {
  /** Which fields: sign-in has no name. */
  fields: readonly AccountField[];
  /** Whether the password is a new one (hint, autocomplete, length check). */
  newPassword: boolean;
  submitLabel: string;
  pendingLabel: string;
  onSubmit: (values: AccountValues) => Promise<SubmitAnswer>;
  /** Below the button: links to the other forms. */
  footer?: ReactNode;
}

/**
 * Name, email and password, with the server's typed errors beside the fields they are about.
 * After a success the button stays busy: the session takes over and moves on.
 */
export function AccountForm({
  fields,
  newPassword,
  submitLabel,
  pendingLabel,
  onSubmit,
  footer,
}: AccountFormProps) {
  const [values, setValues] = useState<AccountValues>({ name: '', email: '', password: '' });
  const [errors, setErrors] = useState<FormErrors<AccountField>>(noErrors);
  const [pending, setPending] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  // Bumped on every failed submit: focus then moves to the first field with an error.
  const [failures, setFailures] = useState(0);

  useEffect(() => {
    if (failures > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [failures]);

  const change = (field: AccountField, value: string) => {
    setValues((prev) => ({ ...prev, [field]: value }));
    if (errors.fields[field]) {
      setErrors((prev) => ({ ...prev, fields: { ...prev.fields, [field]: undefined } }));
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const missing = checkFilled(values, fields, newPassword);
    if (Object.keys(missing).length > 0) {
      setErrors({ fields: missing, form: null });
      setFailures((n) => n + 1);
      return;
    }
    setErrors(noErrors());
    setPending(true);
    const found = accountFormErrors(await onSubmit(values));
    if (found) {
      setErrors(found);
      setPending(false);
      setFailures((n) => n + 1);
    }
  };

  return (
    <form ref={form} className="account-form" noValidate onSubmit={(event) => void submit(event)}>
      {fields.includes('name') && (
        <Field label="Name" error={errors.fields.name}>
          {(control) => (
            <input
              {...control}
              className="input"
              name="name"
              autoComplete="name"
              value={values.name}
              onChange={(event) => change('name', event.target.value)}
              autoFocus
            />
          )}
        </Field>
      )}
      <Field label="Email" error={errors.fields.email}>
        {(control) => (
          <input
            {...control}
            className="input"
            type="email"
            name="email"
            autoComplete={newPassword ? 'email' : 'username'}
            inputMode="email"
            value={values.email}
            onChange={(event) => change('email', event.target.value)}
            autoFocus={!fields.includes('name')}
          />
        )}
      </Field>
      <Field
        label="Password"
        error={errors.fields.password}
        hint={
          newPassword && !errors.fields.password
            ? 'At least 10 characters. A long passphrase is best.'
            : undefined
        }
      >
        {(control) => (
          <input
            {...control}
            className="input"
            type="password"
            name="password"
            autoComplete={newPassword ? 'new-password' : 'current-password'}
            value={values.password}
            onChange={(event) => change('password', event.target.value)}
          />
        )}
      </Field>
      {errors.form && (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      )}
      <button type="submit" className="button button-primary account-submit" aria-busy={pending || undefined}>
        {pending ? pendingLabel : submitLabel}
      </button>
      {footer}
    </form>
  );
}
