import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { issuesToErrors, requestFailedMessage, sentence } from '../auth/form-errors';
import { Field } from '../ui/field';
import { Modal } from '../ui/modal';

export const TemporaryPassword_Set = graphql(`
  mutation TemporaryPassword_Set($input: SetTemporaryPasswordInput!) {
    setTemporaryPassword(input: $input) {
      __typename
      ... on Account {
        id
        mustChangePassword
      }
      ...FormErrors_Error
    }
  }
`);

/** An admin's "Temporary password…" for another person: they must replace it when they sign in. */
export function TemporaryPassword({ user }: { user: { id: string; displayName: string } }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button-small button-ghost" onClick={() => setOpen(true)}>
        Temporary password…
      </button>
      <Modal open={open} onClose={() => setOpen(false)} title={`Temporary password for ${user.displayName}`}>
        <TemporaryPasswordForm userId={user.id} onDone={() => setOpen(false)} />
      </Modal>
    </>
  );
}

function TemporaryPasswordForm({ userId, onDone }: { userId: string; onDone: () => void }) {
  const [, setPassword] = useMutation(TemporaryPassword_Set);
  const [password, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password.length < 10) {
      setError('Use at least 10 characters.');
      return;
    }
    const result = await setPassword({ input: { userId, password } });
    const outcome = result.data?.setTemporaryPassword;
    if (result.error || !outcome) setError(requestFailedMessage(result.error));
    else if (outcome.__typename === 'Account') setDone(true);
    else if (outcome.__typename === 'InvalidInputError') {
      const { fields, form } = issuesToErrors(outcome.issues, { password: 'password' }, outcome.message);
      setError(fields.password ?? form);
    } else setError(sentence(outcome.message));
  };

  if (done) {
    return (
      <div className="form-done-block" role="status">
        <p>Set. Their sessions ended; they must choose their own password when they next sign in.</p>
        <div className="form-actions">
          <button type="button" className="button button-primary" onClick={onDone}>
            Done
          </button>
        </div>
      </div>
    );
  }
  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <Field
        label="Temporary password"
        error={error}
        hint="At least 10 characters. Tell it to them yourself; they replace it when they sign in."
      >
        {(control) => (
          <input
            {...control}
            className="input"
            type="text"
            autoComplete="off"
            value={password}
            onChange={(event) => {
              setValue(event.target.value);
              setError(null);
            }}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          Set temporary password
        </button>
      </div>
    </form>
  );
}
