// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConsentRequest, type ConsentDetails } from './oauth-consent';

const DETAILS: ConsentDetails = {
  client: { id: 'c1', name: 'Claude', uri: null, redirectHost: 'claude.ai' },
  scopes: ['read', 'generate'],
};
const VIEWER = { displayName: 'Ada', email: 'ada@example.test' };

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** The server: details for GET, the decision's answer for POST; records what was sent. */
function serve(decision: (approve: boolean) => Response, details: Response = answer(200, DETAILS)) {
  const sent: { url: string; method: string; headers: Record<string, string>; body?: unknown }[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { approve: boolean }) : undefined;
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    sent.push({ url, method, headers: init?.headers as Record<string, string>, body });
    return method === 'POST' ? decision(body!.approve) : details;
  });
  return sent;
}

afterEach(() => vi.restoreAllMocks());

describe('the OAuth consent page', () => {
  it('shows who asks, where it goes back to and what it may do; Approve sends the browser on', async () => {
    const sent = serve(() => answer(200, { redirectTo: 'http://localhost/oauth/auth/u1' }));
    const navigate = vi.fn();
    const user = userEvent.setup();
    render(<ConsentRequest uid="u1" viewer={VIEWER} navigate={navigate} />);

    expect(await screen.findByRole('heading', { name: 'Connect Claude to Atelier?' })).toBeTruthy();
    expect(screen.getByText(/Signed in as/).textContent).toMatch(/Ada \(ada@example\.test\)/);
    expect(screen.getByText(/sent back to/).textContent).toMatch(/claude\.ai/);
    const scopes = screen.getByRole('list', { name: 'It asks to' });
    expect(scopes.textContent).toMatch(/See your work.*Make and change images.*spends your provider credits/);

    await user.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith('http://localhost/oauth/auth/u1'));
    expect(sent.map(({ url, method }) => `${method} ${url}`)).toEqual([
      'GET /oauth/consent/u1/details',
      'POST /oauth/consent/u1/decision',
    ]);
    expect(sent[1]!.body).toEqual({ approve: true });
    expect(sent.every((request) => request.headers['x-atelier-csrf'] === '1')).toBe(true);
  });

  it('Deny tells the server no and also returns to the assistant', async () => {
    const sent = serve(() => answer(200, { redirectTo: 'http://localhost/oauth/auth/u2' }));
    const navigate = vi.fn();
    const user = userEvent.setup();
    render(<ConsentRequest uid="u2" viewer={VIEWER} navigate={navigate} />);
    await user.click(await screen.findByRole('button', { name: 'Deny' }));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith('http://localhost/oauth/auth/u2'));
    expect(sent[1]!.body).toEqual({ approve: false });
  });

  it('says the request expired instead of offering to approve it', async () => {
    serve(
      () => answer(500, {}),
      answer(404, {
        error: 'expired',
        message: 'This sign-in request has expired. Start again from the assistant.',
      }),
    );
    render(<ConsentRequest uid="old" viewer={VIEWER} navigate={vi.fn()} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/expired/);
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  it('stays on the page with the reason when the decision is refused', async () => {
    serve(() => answer(401, { error: 'sign_in_required', message: 'Sign in to Atelier to continue.' }));
    const navigate = vi.fn();
    const user = userEvent.setup();
    render(<ConsentRequest uid="u3" viewer={VIEWER} navigate={navigate} />);
    await user.click(await screen.findByRole('button', { name: 'Approve' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Sign in to Atelier/);
    expect(navigate).not.toHaveBeenCalled();
  });
});
