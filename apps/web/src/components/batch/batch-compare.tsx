import { useProviderName, useProviders } from '../generate/use-providers';
import { ItemImages, ItemProgress, useItemStatus, type BatchItem } from './batch-item';

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
        const target = item.target
          ? `${providerName(item.target.provider)}${item.target.model ? ` · ${modelName(item.target.provider, item.target.model)}` : ''}`
          : `Item ${item.index + 1}`;
        return (
          <li key={item.index} className="batch-compare-column" aria-label={target}>
            <h2 className="batch-compare-target">{target}</h2>
            <ItemImages job={job} size={768} label={target} />
            <ItemProgress job={job} label={`Progress on ${target}`} />
            <p className="batch-item-status">{status(job)}</p>
          </li>
        );
      })}
    </ul>
  );
}
