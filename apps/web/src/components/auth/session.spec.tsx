// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  accountFixture,
  imagesPage,
  imageFixture,
  sessionFixture,
  refusalFixture,
} from '../../lib/testing/fixtures';
import { renderApp } from '../../lib/testing/render-app';
import { graphQLError } from '../../lib/testing/urql';
import { redirectFor, safeNext, signInHref } from './session';

beforeEach(() => window.localStorage.clear());

const ada = accountFixture();

/** A session the fixtures can change, as the server's would after setup, sign-in or sign-out. */
function serverSession(initial: Parameters<typeof sessionFixture>[0]) {
  const state = { ...initial };
  return {
    state,
    fixture: () => sessionFixture(state),
  };
}

describe('routing guards', () => {
  it('sends every page to /setup while the instance needs its first account, then signs that account in', async () => {
    const session = serverSession({ viewer: null, needsSetup: true });
    const inputs: unknown[] = [];
    const app = renderApp('/gallery', {
      SessionRoot_Session: session.fixture,
      SetupPage_Setup: (vars) => {
        inputs.push(vars.input);
        if (inputs.length === 1) {
          return {
            setup: {
              ...refusalFixture('InvalidInputError'),
              code: 'INVALID_INPUT',
              message: 'input.email: enter a valid email address',
              issues: [
                { __typename: 'FieldIssue', field: 'input.email', message: 'enter a valid email address' },
              ],
            },
          };
        }
        // As the server does: setup closes sign-up.
        Object.assign(session.state, { viewer: ada, needsSetup: false, signupEnabled: false });
        return { setup: ada };
      },
    });

    expect(await screen.findByRole('heading', { name: 'Create the first account' })).toBeTruthy();
    expect(app.location()).toBe('/setup');

    await app.user.type(screen.getByRole('textbox', { name: 'Name' }), 'Ada Lovelace');
    await app.user.type(screen.getByRole('textbox', { name: 'Email' }), 'ada@example');
    await app.user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await app.user.click(screen.getByRole('button', { name: 'Create account' }));

    // The server's issue is read with the field it is about.
    expect(
      await screen.findByRole('textbox', { name: 'Email', description: 'Enter a valid email address.' }),
    ).toBeTruthy();

    const email = screen.getByRole('textbox', { name: 'Email' });
    await app.user.clear(email);
    await app.user.type(email, 'ada@example.com');
    await app.user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByRole('button', { name: 'Account' })).toBeTruthy();
    expect(app.location()).toBe('/');
    expect(inputs[1]).toEqual({
      displayName: 'Ada Lovelace',
      email: 'ada@example.com',
      password: 'correct horse battery',
    });
    // Whatever was cached before belonged to nobody in particular: it went.
    expect(app.wipes).toEqual([0]);
  });

  it('sends a signed-out visit to /sign-in with the way back, and returns there after signing in', async () => {
    const session = serverSession({ viewer: null });
    const answers = [
      { ...refusalFixture('BaseError'), code: 'INVALID_CREDENTIALS', message: 'wrong', details: {} },
      {
        ...refusalFixture('BaseError'),
        code: 'RATE_LIMIT',
        message: 'slow down',
        details: { retryAfterSeconds: 90 },
      },
      ada,
    ];
    const app = renderApp('/gallery?provider=local', {
      SessionRoot_Session: session.fixture,
      SignInPage_SignIn: () => {
        const answer = answers.shift();
        if (answer === ada) session.state.viewer = ada;
        return { signIn: answer };
      },
    });

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(app.location()).toBe('/sign-in?next=%2Fgallery%3Fprovider%3Dlocal');
    expect(screen.getByRole('link', { name: 'Create an account' }).getAttribute('href')).toBe(
      '/sign-up?next=%2Fgallery%3Fprovider%3Dlocal',
    );

    await app.user.type(screen.getByRole('textbox', { name: 'Email' }), 'ada@example.com');
    await app.user.type(screen.getByLabelText('Password'), 'not it');
    await app.user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/email or password is wrong/i);

    await app.user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toMatch(/Too many attempts\. Wait 2 min/),
    );

    await app.user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Gallery' })).toBeTruthy();
    expect(app.location()).toBe('/gallery?provider=local');
  });

  it('goes to /sign-in (keeping the page) when any request answers UNAUTHENTICATED, and forgets the cache', async () => {
    const session = serverSession({ viewer: ada });
    const app = renderApp(
      '/gallery',
      {
        SessionRoot_Session: session.fixture,
        GalleryGrid_Images: () => {
          // The session expired on the server.
          session.state.viewer = null;
          return graphQLError('UNAUTHENTICATED', 'Sign in first');
        },
      },
      { owner: ada.id },
    );

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(app.location()).toBe('/sign-in?next=%2Fgallery');
    expect(app.wipes).toEqual([0]);
  });

  it('says clearly when the server answers FORBIDDEN', async () => {
    const app = renderApp(
      '/gallery',
      {
        SessionRoot_Session: () => sessionFixture({ viewer: ada }),
        GalleryGrid_Images: () => graphQLError('FORBIDDEN', 'Not allowed'),
      },
      { owner: ada.id },
    );
    const alerts = await screen.findAllByRole('alert');
    expect(alerts.some((alert) => /not allowed to do that/i.test(alert.textContent ?? ''))).toBe(true);
    expect(app.location()).toBe('/gallery');
  });

  it('opens /s/:token signed out (even before setup), with no studio around it', async () => {
    const app = renderApp('/s/abc', {
      SessionRoot_Session: () => sessionFixture({ viewer: null, needsSetup: true }),
      SharedImagePage_SharedImage: () => ({ sharedImage: null, sharedCollection: null }),
    });
    expect(await screen.findByRole('heading', { name: 'This link no longer works' })).toBeTruthy();
    expect(app.location()).toBe('/s/abc');
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Account' })).toBeNull();
  });

  it('sends a signed-in visit to /sign-in on to the app, never to another site', async () => {
    const app = renderApp(
      '/sign-in?next=%2F%2Fevil.example%2F',
      { SessionRoot_Session: () => sessionFixture({ viewer: ada }) },
      { owner: ada.id },
    );
    expect(await screen.findByRole('button', { name: 'Account' })).toBeTruthy();
    expect(app.location()).toBe('/');
    expect(app.wipes).toEqual([]);
  });

  it('wipes a cache that belongs to another account before showing anything', async () => {
    const seen: string[] = [];
    const app = renderApp(
      '/gallery',
      {
        SessionRoot_Session: () => sessionFixture({ viewer: ada }),
        GalleryGrid_Images: () => {
          seen.push('gallery');
          return imagesPage([imageFixture(1)]);
        },
      },
      { owner: 'someone-else' },
    );
    expect(await screen.findByRole('heading', { name: 'Gallery' })).toBeTruthy();
    expect(app.wipes).toEqual([0]);
    // Only the fresh client ever asked for images.
    expect(app.clients[0]!.requests).not.toContain('GalleryGrid_Images');
    expect(app.clients[1]!.requests).toContain('GalleryGrid_Images');
    expect(window.localStorage.getItem('atelier.cache-owner')).toBe(ada.id);
  });
});

describe('sign-up', () => {
  it('says sign-up is closed instead of showing a form that cannot work', async () => {
    renderApp('/sign-up', {
      SessionRoot_Session: () => sessionFixture({ viewer: null, signupEnabled: false }),
    });
    expect(await screen.findByRole('heading', { name: 'Sign up' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toMatch(
      /Sign-up is closed on this server\. Ask an admin for an invite link, or to open sign-up/,
    );
    expect(screen.queryByRole('button', { name: 'Sign up' })).toBeNull();
  });

  it('offers no way to create an account on the sign-in page while sign-up is closed', async () => {
    renderApp('/sign-in', {
      SessionRoot_Session: () => sessionFixture({ viewer: null, signupEnabled: false }),
    });
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Create an account' })).toBeNull();
    expect(
      screen.getByText(/Sign-up is closed on this server: ask an admin for an invite link/),
    ).toBeTruthy();
  });

  it('puts a taken email beside the Email field', async () => {
    const app = renderApp('/sign-up', {
      SessionRoot_Session: () => sessionFixture({ viewer: null }),
      SignUpPage_SignUp: () => ({
        signUp: { ...refusalFixture('BaseError'), code: 'CONFLICT', message: 'email taken', details: {} },
      }),
    });
    await screen.findByRole('heading', { name: 'Sign up' });
    const form = screen.getByRole('button', { name: 'Sign up' }).closest('form')!;
    await app.user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Bob');
    await app.user.type(within(form).getByRole('textbox', { name: 'Email' }), 'ada@example.com');
    await app.user.type(within(form).getByLabelText('Password'), 'long enough password');
    await app.user.click(screen.getByRole('button', { name: 'Sign up' }));
    const taken = await screen.findByRole('textbox', { name: 'Email', description: /already exists/ });
    // Focus goes to the field to fix.
    await waitFor(() => expect(document.activeElement).toBe(taken));
  });

  it('says what is missing beside each field, and moves focus to the first one', async () => {
    const app = renderApp('/sign-up', { SessionRoot_Session: () => sessionFixture({ viewer: null }) });
    await screen.findByRole('heading', { name: 'Sign up' });
    await app.user.type(screen.getByRole('textbox', { name: 'Name' }), 'Bob');
    await app.user.click(screen.getByRole('button', { name: 'Sign up' }));
    const email = await screen.findByRole('textbox', {
      name: 'Email',
      description: 'Enter your email address.',
    });
    expect(screen.getByLabelText('Password', { selector: 'input' }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    await waitFor(() => expect(document.activeElement).toBe(email));
  });
});

describe('redirect rules', () => {
  const at = (path: string) => {
    const url = new URL(path, 'http://x');
    return { pathname: url.pathname, search: url.search, hash: '', state: null, key: 'k' };
  };

  it('keeps only paths inside the app as the way back', () => {
    expect(safeNext('/images/abc?x=1')).toBe('/images/abc?x=1');
    expect(safeNext('//evil.example')).toBeNull();
    expect(safeNext('https://evil.example')).toBeNull();
    expect(safeNext('/\\evil.example')).toBeNull();
    expect(safeNext('/sign-in')).toBeNull();
    expect(signInHref(at('/'))).toBe('/sign-in');
  });

  it('decides each kind of page', () => {
    const out = { needsSetup: false, signedIn: false };
    const inside = { needsSetup: false, signedIn: true };
    const fresh = { needsSetup: true, signedIn: false };
    expect(redirectFor(at('/s/tok'), fresh)).toBeNull();
    expect(redirectFor(at('/sign-in'), fresh)).toBe('/setup');
    expect(redirectFor(at('/setup'), out)).toBe('/sign-in');
    expect(redirectFor(at('/setup'), inside)).toBe('/');
    expect(redirectFor(at('/settings'), out)).toBe('/sign-in?next=%2Fsettings');
    expect(redirectFor(at('/sign-up?next=%2Fadmin'), inside)).toBe('/admin');
    expect(redirectFor(at('/admin'), inside)).toBeNull();
  });
});
