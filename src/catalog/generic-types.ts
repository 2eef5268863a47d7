// Vendor-neutral types: people, clients, servers and the Kubernetes pieces AWS has no icon for.
// Most use aws-icons' general resources; the rest are drawn here, in src/catalog/icons/.

import type { CatalogEntry } from './catalog.js';

const general = (id: string, name: string, file: string): CatalogEntry => ({
  id: `generic.${id}`,
  name,
  category: 'generic',
  icon: { package: 'aws-icons', path: `icons/resource/${file}.svg` },
});

const drawn = (id: string, name: string): CatalogEntry => ({
  id: `generic.${id}`,
  name,
  category: 'generic',
  icon: { package: 'refarch', path: `src/catalog/icons/${id}.svg` },
});

export const GENERIC_TYPES: readonly CatalogEntry[] = [
  drawn('app', 'Application'),
  general('client', 'Client', 'Client'),
  general('container', 'Container', 'AmazonElasticContainerServiceContainer1'),
  general('database', 'Database', 'Database'),
  general('document', 'Document', 'Document'),
  general('generic-application', 'Generic application', 'GenericApplication'),
  general('git-repository', 'Git repository', 'GitRepository'),
  general('internet', 'Internet', 'Internet'),
  drawn('kubernetes-tool', 'Kubernetes tool'),
  general('logs', 'Logs', 'Logs'),
  general('metrics', 'Metrics', 'Metrics'),
  general('mobile-client', 'Mobile client', 'Mobileclient'),
  general('office-building', 'Office building', 'Officebuilding'),
  drawn('pod', 'Kubernetes pod'),
  general('server', 'Server', 'Server'),
  general('servers', 'Servers', 'Servers'),
  general('source-code', 'Source code', 'SourceCode'),
  general('user', 'User', 'User'),
  general('users', 'Users', 'Users'),
];
