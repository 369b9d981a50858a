import { Link, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { AccountForm } from '../components/auth/account-form';
import { safeNext, useSession } from '../components/auth/session';
import { graphql } from '../gql';

export const SignInPage_SignIn = graphql(`
  mutation SignInPage_SignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on Account {
        ...SessionRoot_Viewer
      }
      ...FormErrors_Error
    }
  }
`);

export default function SignInPage() {
  const [, signIn] = useMutation(SignInPage_SignIn);
  const { signupEnabled } = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  return (
    <>
      <h1>Sign in</h1>
      {next && <p className="auth-lead">Sign in to continue where you were.</p>}
      <AccountForm
        fields={['email', 'password']}
        newPassword={false}
        submitLabel="Sign in"
        pendingLabel="Signing in…"
        onSubmit={async (values) => {
          const result = await signIn({ input: { email: values.email, password: values.password } });
          return { error: result.error, outcome: result.data?.signIn };
        }}
        footer={
          signupEnabled ? (
            <p className="auth-footer">
              New here?{' '}
              <Link to={next ? `/sign-up?next=${encodeURIComponent(next)}` : '/sign-up'}>
                Create an account
              </Link>
            </p>
          ) : (
            <p className="auth-footer">
              New here? Sign-up is closed on this server: ask an admin for an invite link.
            </p>
          )
        }
      />
    </>
  );
}
