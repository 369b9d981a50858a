import type { BatchItem_JobFragment } from '../../gql/graphql';
import { useProviderName, useProviders } from '../generate/use-providers';
import { formatCost, formatLatency } from '../job/job-stage';
import { ItemImages, ItemProgress, useItemStatus, type BatchItem } from './batch-item';

/** "Cost $0.04 · took 12.3 s" once the item ran: what comparing providers is about besides the picture. */
export function costAndTime(job: BatchItem_JobFragment): string | null {
  if (job.durationMs == null) return null;
  const took = job.durationMs;
  const cost = job.costUsd != null ? `Cost ${formatCost(job.costUsd)}` : 'No cost reported';
  return `${cost} · took ${formatLatency(took)}`;
}

/** One column per target: the same prompt, side by side. */
export function BatchCompare({ items }: { items: readonly BatchItem[] }) {
  const providerName = useProviderName();
  const [{ data }] = useProviders();
  const modelName = (provider: string, model: string) =>
    data?.providers.find((p) => p.id === provider)?.capabilities.models.find((m) => m.id === model)?.name ??
    model;
  const status = useItemStatus();
  return (
    <ul className="batch-compare" aria-label="Results side by side">
      {items.map((item) => {
        const { job } = item;
        const spent = costAndTime(job);
        const target = item.target
          ? `${providerName(item.target.provider)}${item.target.model ? ` · ${modelName(item.target.provider, item.target.model)}` : ''}`
          : `Item ${item.index + 1}`;
        return (
          <li key={item.index} className="batch-compare-column" aria-label={target}>
            <h2 className="batch-compare-target">{target}</h2>
            <ItemImages job={job} size={768} label={target} />
            <ItemProgress job={job} label={`Progress on ${target}`} />
            <p className="batch-item-status">{status(job)}</p>
            {spent && <p className="batch-compare-cost">{spent}</p>}
          </li>
        );
      })}
    </ul>
  );
}
