import type { ReactNode } from 'react';
import { useQuery } from 'urql';
import { useViewer } from '../components/auth/session';
import { ApiTokens } from '../components/settings/api-tokens';
import { ChangePassword } from '../components/settings/change-password';
import { ConnectedApps } from '../components/settings/connected-apps';
import { NotificationSetting } from '../components/settings/notification-setting';
import { OfflineImages } from '../components/settings/offline-images';
import { ProfileForm } from '../components/settings/profile-form';
import { UsageSummary } from '../components/settings/usage-summary';
import { Webhooks } from '../components/settings/webhooks';
import { graphql } from '../gql';
import { formatDateTime } from '../lib/time';
import '../components/settings/settings.css';

export const SettingsPage_Account = graphql(`
  query SettingsPage_Account {
    viewer {
      id
      email
      displayName
      role
      createdAt
      maxConcurrentJobs
      maxImagesPerDay
      usage {
        images
        imagesToday
        activeJobs
        jobs
      }
    }
  }
`);

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="settings-section" aria-labelledby={id}>
      <h2 id={id} className="settings-title">
        {title}
      </h2>
      {children}
    </section>
  );
}

/**
 * The account: name and email, usage and limits, notifications, offline images, API tokens,
 * webhooks, connected apps, password.
 */
export default function SettingsPage() {
  const viewer = useViewer();
  const [{ data }] = useQuery({ query: SettingsPage_Account, requestPolicy: 'cache-and-network' });
  const account = data?.viewer;

  return (
    <div className="page page-narrow settings-page">
      <div className="page-header">
        <h1>Settings</h1>
      </div>
      <Section id="settings-account" title="Account">
        <ProfileForm viewer={viewer} />
        <dl className="account-facts">
          <div className="account-fact">
            <dt>Role</dt>
            <dd>{viewer.role === 'ADMIN' ? 'Admin' : 'User'}</dd>
          </div>
          {account && (
            <div className="account-fact">
              <dt>Member since</dt>
              <dd>{formatDateTime(account.createdAt)}</dd>
            </div>
          )}
        </dl>
      </Section>
      <Section id="settings-usage" title="Usage and limits">
        {account ? (
          <>
            <UsageSummary
              usage={account.usage}
              maxConcurrentJobs={account.maxConcurrentJobs}
              maxImagesPerDay={account.maxImagesPerDay}
            />
            <p className="muted usage-note">
              Daily counts reset at midnight UTC.{' '}
              {viewer.role === 'ADMIN' ? 'Set limits in Admin.' : 'An admin sets the limits.'}
            </p>
          </>
        ) : (
          <p className="muted">Loading usage…</p>
        )}
      </Section>
      <Section id="settings-notifications" title="Notifications">
        <NotificationSetting />
      </Section>
      <Section id="settings-offline" title="Offline">
        <OfflineImages />
      </Section>
      <Section id="settings-tokens" title="API tokens">
        <ApiTokens isAdmin={viewer.role === 'ADMIN'} />
      </Section>
      <Section id="settings-webhooks" title="Webhooks">
        <Webhooks />
      </Section>
      <Section id="settings-connected-apps" title="Connected apps">
        <ConnectedApps />
      </Section>
      <Section id="settings-password" title="Password">
        <ChangePassword />
      </Section>
    </div>
  );
}
