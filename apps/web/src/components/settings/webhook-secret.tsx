import { CopyField } from '../ui/copy-field';

/** How a receiver checks a call, with the `standardwebhooks` package. */
export function verifySnippet(secret: string): string {
  return [
    "import { Webhook } from 'standardwebhooks';",
    `const webhook = new Webhook('${secret}');`,
    '// body: the raw request body as a string; headers: webhook-id, webhook-timestamp, webhook-signature',
    'const event = webhook.verify(body, headers); // throws when the signature is wrong or stale',
  ].join('\n');
}

/** A new signing secret, shown once: Atelier never shows it again. */
export function WebhookSecret({ secret, url, onDone }: { secret: string; url: string; onDone: () => void }) {
  return (
    <div className="token-secret" role="group" aria-label={`Signing secret for ${url}`}>
      <p className="token-warning" role="alert">
        Copy the signing secret now. It will not be shown again.
      </p>
      <CopyField label="Signing secret" value={secret} copyLabel="Copy secret" autoFocus />
      <CopyField
        label="Verify each call"
        value={verifySnippet(secret)}
        copyLabel="Copy code"
        multiline
        hint="Any Standard Webhooks library works: the signature is HMAC-SHA256 over id.timestamp.body."
      />
      <div>
        <button type="button" className="button" onClick={onDone}>
          Done, I have copied it
        </button>
      </div>
    </div>
  );
}
