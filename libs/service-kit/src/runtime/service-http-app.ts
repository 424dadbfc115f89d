// The HTTP app of a service with one API, as the composition roots (services/*/src/service.ts)
// build it alike: the API's OpenAPI document and the service's events' AsyncAPI document.
import type { EventCatalogue } from '@rehab/events';
import type { Express } from 'express';
import type { Api } from '../http/api.ts';
import type { Platform } from './platform.ts';

/** The titles of the service's documents; both documents are version 1.0.0. */
export interface ServiceDocumentTitles {
  /** The API's, e.g. 'Methadone API (health)'. */
  title: string;
  description: string;
  /** The AsyncAPI document's, e.g. 'Methadone events'. */
  eventsTitle: string;
}

/** The platform's app for `api`, with the catalogue's AsyncAPI at /<service>/asyncapi.json. */
export function serviceHttpApp(
  platform: Platform,
  api: Api,
  catalogue: EventCatalogue,
  titles: ServiceDocumentTitles,
): Express {
  return platform.httpApp({
    apis: [api],
    openApi: () =>
      api.openApi({ title: titles.title, version: '1.0.0', description: titles.description }),
    documents: {
      [`/${platform.service}/asyncapi.json`]: () =>
        catalogue.toAsyncApi({ title: titles.eventsTitle, version: '1.0.0' }),
    },
  });
}
