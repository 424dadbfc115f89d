// Composition root: configuration, connections, HTTP server, graceful shutdown.
import { listen, loadConfig } from '@rehab/service-kit';
import { treatmentConfigSchema } from './config.ts';
import { createTreatmentService } from './service.ts';

const config = loadConfig(treatmentConfigSchema);
const service = await createTreatmentService(config);
const server = await listen(service.app, config.PORT, config.HOST);
// Added last, so it runs first: stop taking requests, then sweeps, consumers, relay, Kafka, MongoDB.
service.platform.shutdown.add('stop HTTP', () => server.close());
service.platform.shutdown.installSignalHandlers();
service.platform.logger.info({ port: server.port }, 'treatment listening');
