// Composition root: configuration, connections, HTTP server, graceful shutdown.
import { listen, loadConfig } from '@rehab/service-kit';
import { assessmentConfigSchema } from './config.ts';
import { createAssessmentService } from './service.ts';

const config = loadConfig(assessmentConfigSchema);
const service = await createAssessmentService(config);
const server = await listen(service.app, config.PORT, config.HOST);
// Added last, so it runs first: stop taking requests, then the consumer, relay, Kafka, MongoDB.
service.platform.shutdown.add('stop HTTP', () => server.close());
service.platform.shutdown.installSignalHandlers();
service.platform.logger.info({ port: server.port }, 'assessment listening');
