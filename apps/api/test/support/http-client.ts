/**
 * A client that talks to the server over real HTTP the way a browser (cookies, CSRF header) or a
 * third-party program (Bearer token) does.
 */
export class HttpClient {
  cookie: string | null = null;

  constructor(
    readonly baseUrl: string,
    /** `forwardedFor`: the client address a trusted proxy would report (for servers with trustProxy). */
    private readonly options: { token?: string; origin?: string; forwardedFor?: string } = {},
  ) {}

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      'x-atelier-csrf': '1',
      ...(this.cookie && { cookie: this.cookie }),
      ...(this.options.token && { authorization: `Bearer ${this.options.token}` }),
      ...(this.options.forwardedFor && { 'x-forwarded-for': this.options.forwardedFor }),
      ...extra,
    };
  }

  async graphql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{
    data?: T;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
    response: Response;
  }> {
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/json' }),
      body: JSON.stringify({ query, variables }),
    });
    this.remember(response);
    const body = (await response.json()) as {
      data?: T;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    };
    return { ...body, response };
  }

  /** Keeps the session cookie the server sets (or clears), as a browser would. */
  private remember(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, value] = pair!.split('=');
      if (!name?.includes('atelier_session')) continue;
      this.cookie = value ? `${name}=${value}` : null;
    }
  }
}

export const SignUp = /* GraphQL */ `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      __typename
      ... on Account {
        id
        email
        role
      }
      ... on Error {
        code
        message
      }
      ... on InvalidInputError {
        issues {
          field
          message
        }
      }
    }
  }
`;

export const Setup = SignUp.replace('mutation SignUp', 'mutation Setup').replace(
  'signUp(input',
  'setup(input',
);

export const SignIn = /* GraphQL */ `
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on Account {
        id
        email
        role
      }
      ... on Error {
        code
        message
      }
      ... on InvalidInputError {
        issues {
          field
          message
        }
      }
    }
  }
`;

/**
 * Opens sign-up as `admin` (setup leaves it closed): for worlds whose first account is only there so
 * that others can sign up with `signedUpClient`.
 */
export async function openSignUp(admin: HttpClient): Promise<void> {
  const { data, errors } = await admin.graphql('mutation { setSignupEnabled(enabled: true) }');
  if (data?.setSignupEnabled !== true) {
    throw new Error(`opening sign-up failed: ${JSON.stringify({ data, errors })}`);
  }
}

let counter = 0;
/**
 * Signs a new person up and returns their browser. `first`: through setup, so they become the admin
 * and sign-up closes; with `openSignUp` they then open it, so that others can sign up.
 */
export async function signedUpClient(
  baseUrl: string,
  options: { first?: boolean; openSignUp?: boolean; password?: string } = {},
) {
  counter += 1;
  const client = new HttpClient(baseUrl);
  const email = `person${counter}-${Date.now()}@example.test`;
  const password = options.password ?? 'correct horse battery staple';
  const { data, errors } = await client.graphql(options.first ? Setup : SignUp, {
    input: { email, password, displayName: `Person ${counter}` },
  });
  const account = data && (Object.values(data)[0] as { __typename: string; id: string });
  if (!account || account.__typename !== 'Account') {
    throw new Error(`sign-up failed: ${JSON.stringify({ data, errors })}`);
  }
  if (options.first && options.openSignUp) await openSignUp(client);
  return { client, email, password, id: account.id };
}
