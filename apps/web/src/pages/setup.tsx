import { useMutation } from 'urql';
import { AccountForm } from '../components/auth/account-form';
import { graphql } from '../gql';

export const SetupPage_Setup = graphql(`
  mutation SetupPage_Setup($input: SignUpInput!) {
    setup(input: $input) {
      __typename
      ... on Account {
        ...SessionRoot_Viewer
      }
      ...FormErrors_Error
    }
  }
`);

/** The very first visit: whoever creates the first account runs this Atelier. */
export default function SetupPage() {
  const [, setup] = useMutation(SetupPage_Setup);
  return (
    <>
      <h1>Create the first account</h1>
      <p className="auth-lead">
        Welcome to Atelier. This account becomes the admin: it manages users and limits, and it takes over
        every image made on this server so far.
      </p>
      <AccountForm
        fields={['name', 'email', 'password']}
        newPassword
        submitLabel="Create account"
        pendingLabel="Creating account…"
        onSubmit={async (values) => {
          const result = await setup({
            input: { displayName: values.name, email: values.email, password: values.password },
          });
          return { error: result.error, outcome: result.data?.setup };
        }}
      />
    </>
  );
}
