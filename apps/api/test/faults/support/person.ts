import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { HttpClient, openSignUp, Setup, SignUp } from '../../support/http-client';

const CreateToken = /* GraphQL */ `
  mutation ($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      __typename
      ... on CreatedApiToken {
        secret
      }
    }
  }
`;

let count = 0;

/** Something watched over a socket that reconnects: every payload, and how it ended. */
export interface Watch<T> {
  received: T[];
  errors: unknown[];
  completed: boolean;
}

/**
 * A person using Atelier from a third-party program: an API token over HTTP, and one graphql-ws
 * socket that reconnects for ever and resumes each subscription from what it last received
 * (`advance` turns a payload into the variables to resubscribe with), as the web app does.
 */
export class Person {
  readonly http: HttpClient;
  readonly socket: Client;
  /** How many times the socket connected (more than once: it reconnected). */
  connections = 0;

  private constructor(
    baseUrl: string,
    readonly token: string,
  ) {
    this.http = new HttpClient(baseUrl, { token });
    this.socket = createClient({
      url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: false,
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      retryWait: (retries) =>
        new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 200 * 2 ** retries))),
    });
    this.socket.on('connected', () => (this.connections += 1));
  }

  /**
   * Signs a new person up (the first through setup, as admin, who then opens sign-up for the
   * others) and makes them a read + generate
   * token. Each signs up from an address of their own (the API process trusts X-Forwarded-For), so
   * the per-address sign-up limit does not cap how many people a test has.
   */
  static async signUp(baseUrl: string, first = false): Promise<Person> {
    count += 1;
    const client = new HttpClient(baseUrl, {
      forwardedFor: `10.9.${Math.floor(count / 250)}.${count % 250}`,
    });
    const { data: account } = await client.graphql(first ? Setup : SignUp, {
      input: {
        email: `fault-${count}-${Date.now()}@example.test`,
        password: 'correct horse battery staple',
        displayName: `Person ${count}`,
      },
    });
    if ((Object.values(account ?? {})[0] as { __typename?: string })?.__typename !== 'Account') {
      throw new Error(`sign-up failed: ${JSON.stringify(account)}`);
    }
    if (first) await openSignUp(client);
    const { data } = await client.graphql(CreateToken, {
      input: { name: 'fault test', scopes: ['read', 'generate'] },
    });
    const secret = data?.createApiToken?.secret as string | undefined;
    if (!secret) throw new Error(`could not make a token: ${JSON.stringify(data)}`);
    return new Person(baseUrl, secret);
  }

  watch<T>(
    query: string,
    variables: Record<string, unknown>,
    advance: (payload: T, variables: Record<string, unknown>) => void,
  ): Watch<T> {
    const watch: Watch<T> = { received: [], errors: [], completed: false };
    // graphql-ws sends this same object again on every reconnect: advancing it resumes the watch.
    const payload = { query, variables: { ...variables } };
    this.socket.subscribe<T>(payload, {
      next: (result) => {
        if (result.errors?.length) return void watch.errors.push(...result.errors);
        watch.received.push(result.data as T);
        advance(result.data as T, payload.variables);
      },
      // The server refuses an operation with a list of GraphQL errors; a broken socket, with one error.
      error: (error) => void watch.errors.push(...(Array.isArray(error) ? error : [error])),
      complete: () => (watch.completed = true),
    });
    return watch;
  }

  async close(): Promise<void> {
    await this.socket.dispose();
  }
}
