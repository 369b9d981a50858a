import type { ReactNode } from 'react';

/** One part of the Insights page, a landmark named by its heading. */
export function InsightsSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="insights-section" aria-labelledby={`insights-${id}`}>
      <h2 id={`insights-${id}`}>{title}</h2>
      {children}
    </section>
  );
}
