// Composition root: configuration, connections, HTTP server, graceful shutdown.
import { listen, loadConfig } from '@rehab/service-kit';
import { registryConfigSchema } from './config.ts';
import { createRegistryService } from './service.ts';

const config = loadConfig(registryConfigSchema);
const service = await createRegistryService(config);
const server = await listen(service.app, config.PORT, config.HOST);
// Added last, so it runs first: stop taking requests, then the relay, Kafka and MongoDB.
service.platform.shutdown.add('stop HTTP', () => server.close());
const steps = service.platform.shutdown;
steps.installSignalHandlers();
service.platform.logger.info({ port: server.port }, 'registry listening');
