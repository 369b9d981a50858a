import { Link, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { AccountForm } from '../components/auth/account-form';
import { safeNext, useSession } from '../components/auth/session';
import { graphql } from '../gql';

export const SignUpPage_SignUp = graphql(`
  mutation SignUpPage_SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      __typename
      ... on Account {
        ...SessionRoot_Viewer
      }
      ...FormErrors_Error
    }
  }
`);

export default function SignUpPage() {
  const [, signUp] = useMutation(SignUpPage_SignUp);
  const { signupEnabled } = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const invite = params.get('invite');
  const signInHref = next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in';
  return (
    <>
      <h1>Sign up</h1>
      {invite && <p className="auth-note">You were invited: create your account below.</p>}
      {signupEnabled || invite ? (
        <AccountForm
          fields={['name', 'email', 'password']}
          newPassword
          submitLabel="Sign up"
          pendingLabel="Creating account…"
          onSubmit={async (values) => {
            const result = await signUp({
              input: {
                displayName: values.name,
                email: values.email,
                password: values.password,
                ...(invite && { invite }),
              },
            });
            return { error: result.error, outcome: result.data?.signUp };
          }}
          footer={
            <p className="auth-footer">
              Already have an account? <Link to={signInHref}>Sign in</Link>
            </p>
          }
        />
      ) : (
        <div className="auth-closed" role="status">
          <p>
            Sign-up is closed on this server. Ask an admin for an invite link, or to open sign-up (Admin →
            Allow sign-up).
          </p>
          <p>
            Already have an account? <Link to={signInHref}>Sign in</Link>
          </p>
        </div>
      )}
    </>
  );
}
