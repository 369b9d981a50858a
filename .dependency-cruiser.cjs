// The floors of the house: every import arrow points down. `pnpm rules` checks them (in `pnpm test`,
// so in CI); each rule's comment says which floor an import broke.
const api = '^apps/api/src/';
const web = '^apps/web/src/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import circle: break it where the shared piece belongs (a module both sides can import).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'repositories-below-schema-and-services',
      severity: 'error',
      comment:
        'A repository (SQL and I/O) imported the GraphQL schema or a service: repositories sit below both, and speak in @atelier/domain types.',
      from: { path: `${api}repositories/` },
      to: { path: [`^packages/schema/`, `${api}services/`] },
    },
    {
      name: 'inner-layers-know-no-transport',
      severity: 'error',
      comment:
        'A layer below the transport (services, repositories, jobs, events, db, providers) imported a door (http/, mcp/, oauth/, server.ts or context.ts): requests, headers, cookies and protocols stay in the doors.',
      from: { path: `${api}(services|repositories|jobs|events|db|providers)/` },
      to: { path: `${api}(http/|mcp/|oauth/|server\\.ts$|context\\.ts$)` },
    },
    {
      name: 'services-take-from-jobs-only-what-enqueues',
      severity: 'error',
      comment:
        'A service imported the jobs room beyond what enqueues (jobs/run-job/job-task.ts): the runner, pools and leases are the workers’ own.',
      from: { path: `${api}services/` },
      to: { path: `${api}jobs/`, pathNot: `${api}jobs/run-job/job-task\\.ts$` },
    },
    {
      name: 'jobs-use-services-not-their-internals',
      severity: 'error',
      comment:
        'The jobs room imported a service’s helper module: use the service itself, or move the helper down.',
      from: { path: `${api}jobs/` },
      to: { path: `${api}services/`, pathNot: '\\.service\\.ts$' },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'packages/domain imported GraphQL, Pothos, a database driver or an app: it holds records, inputs, events and errors only.',
      from: { path: '^packages/domain/' },
      to: { path: ['node_modules/(graphql|@pothos|kysely|pg|graphql-yoga)/', '^apps/', '^packages/schema/'] },
    },
    {
      name: 'schema-reaches-the-api-only-through-ports',
      severity: 'error',
      comment:
        'packages/schema imported the API: it reaches it only through the ports it declares (ports.ts).',
      from: { path: '^packages/schema/' },
      to: { path: '^apps/' },
    },
    {
      name: 'providers-know-nothing-of-atelier',
      severity: 'error',
      comment:
        'packages/providers imported the schema, the domain or an app: providers know no database or GraphQL.',
      from: { path: '^packages/providers/' },
      to: { path: ['^packages/(schema|domain)/', '^apps/'] },
    },
    {
      name: 'ui-imports-no-feature',
      severity: 'error',
      comment:
        'components/ui/ is the design system: it imported a feature, a page or a route. Shells and app-wide providers live in components/layout/.',
      from: { path: `${web}components/ui/` },
      to: { path: `${web}(components/(?!ui/)|pages/|routes/)` },
    },
    {
      name: 'lib-imports-no-component',
      severity: 'error',
      comment: 'lib/ (client, cache, models) imported a component, page or route: those sit above it.',
      // Its tests may exercise the cache with the documents the components send.
      from: { path: `${web}lib/`, pathNot: [`${web}lib/testing/`, '\\.spec\\.tsx?$'] },
      to: { path: `${web}(components|pages|routes)/` },
    },
    {
      name: 'web-imports-no-server-package',
      severity: 'error',
      comment:
        'The web app imported server code (the API, the schema, the domain or the providers): it speaks to them only over GraphQL (src/gql).',
      from: { path: '^apps/web/' },
      to: { path: ['^apps/api/', '^packages/(schema|domain|providers)/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['/dist/', '/src/gql/', '\\.d\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
