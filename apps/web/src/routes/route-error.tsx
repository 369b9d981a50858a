import { isRouteErrorResponse, useRouteError } from 'react-router';

/** Last resort when a page throws (often a chunk that failed to load after a deploy). */
export function RouteError() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Unknown error';
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
