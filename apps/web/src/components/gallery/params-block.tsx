import './image-detail.css';
/** The provider's parameters as JSON. It scrolls sideways, so a keyboard can reach and scroll it too. */
export function ParamsBlock({ params }: { params: unknown }) {
  return (
    <pre className="params" role="region" aria-label="Parameters as JSON" tabIndex={0}>
      {JSON.stringify(params, null, 2)}
    </pre>
  );
}
