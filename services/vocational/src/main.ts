// Composition root: configuration, connections, HTTP server, graceful shutdown.
import { listen, loadConfig } from '@rehab/service-kit';
import { vocationalConfigSchema } from './config.ts';
import { createVocationalService } from './service.ts';

const config = loadConfig(vocationalConfigSchema);
const service = await createVocationalService(config);
const server = await listen(service.app, config.PORT, config.HOST);
// Added last, so it runs first: stop taking requests, then the consumers, relay, Kafka, MongoDB.
service.platform.shutdown.add('stop HTTP', () => server.close());
service.platform.shutdown.installSignalHandlers();
service.platform.logger.info({ port: server.port }, 'vocational listening');
