import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useLocation } from 'react-router';

/** Last resort when a page throws (often a chunk that failed to load after a deploy). */
export function RouteError({ error }: { error: unknown }) {
  const detail = error instanceof Error ? error.message : 'Unknown error';
  return (
    <div className="route-error" role="alert">
      <h1>Something went wrong</h1>
      <p>{detail}</p>
      <p>Reload the page to try again. If it keeps happening, check that the Atelier server is running.</p>
      <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
        Reload
      </button>
    </div>
  );
}

interface BoundaryProps {
  children: ReactNode;
  /** A new value (another page) clears the error, as a data router's `errorElement` would. */
  resetKey: string;
}

class Boundary extends Component<BoundaryProps, { error: unknown; failed: boolean }> {
  override state = { error: null as unknown, failed: false };

  static getDerivedStateFromError(error: unknown) {
    return { error, failed: true };
  }

  override componentDidUpdate(previous: BoundaryProps) {
    if (this.state.failed && previous.resetKey !== this.props.resetKey) {
      this.setState({ error: null, failed: false });
    }
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  override render() {
    return this.state.failed ? <RouteError error={this.state.error} /> : this.props.children;
  }
}

/**
 * Catches what any route throws while rendering. The app uses react-router's declarative
 * `<Routes>` (no loaders or actions), which has no `errorElement`: this is that boundary.
 */
export function RouteErrorBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return <Boundary resetKey={pathname}>{children}</Boundary>;
}
