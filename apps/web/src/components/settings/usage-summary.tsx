import './settings.css';
interface UsageSummaryProps {
  usage: { images: number; imagesToday: number; activeJobs: number; jobs: number };
  maxConcurrentJobs?: number | null;
  maxImagesPerDay?: number | null;
}

function Meter({ label, used, max }: { label: string; used: number; max: number | null | undefined }) {
  const limited = max != null;
  const share = limited && max > 0 ? Math.min(1, used / max) : 0;
  return (
    <div className="usage-item">
      <dt>{label}</dt>
      <dd>
        <span className="usage-value">
          {used}
          {limited ? ` of ${max}` : ''}
        </span>
        {(!limited || used >= max) && (
          <span className="usage-limit">{limited ? 'limit reached' : 'no limit'}</span>
        )}
        {limited && (
          <span
            className={`usage-bar${used >= max ? ' usage-bar-full' : ''}`}
            role="meter"
            aria-label={label}
            aria-valuemin={0}
            aria-valuemax={max}
            aria-valuenow={Math.min(used, max)}
          >
            <span className="usage-fill" style={{ width: `${share * 100}%` }} />
          </span>
        )}
      </dd>
    </div>
  );
}

/** What an account has made, against its limits (an admin sets them). */
export function UsageSummary({ usage, maxConcurrentJobs, maxImagesPerDay }: UsageSummaryProps) {
  return (
    <dl className="usage">
      <Meter label="Images today" used={usage.imagesToday} max={maxImagesPerDay} />
      <Meter label="Jobs running now" used={usage.activeJobs} max={maxConcurrentJobs} />
      <div className="usage-item">
        <dt>Images kept</dt>
        <dd>
          <span className="usage-value">{usage.images}</span>
        </dd>
      </div>
      <div className="usage-item">
        <dt>Jobs submitted</dt>
        <dd>
          <span className="usage-value">{usage.jobs}</span>
        </dd>
      </div>
    </dl>
  );
}
