// The static Dockerfile lint: the real Dockerfile passes, and each rule catches its mistake.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDockerfile, lintDockerignore, parseDockerfile } from './dockerfile-lint.ts';
import { ROOT_DIR } from './manifests.ts';

const dockerfile = readFileSync(join(ROOT_DIR, 'docker/Dockerfile'), 'utf8');

const good = `ARG NODE_IMAGE=node:24-bookworm-slim
FROM \${NODE_IMAGE} AS build
ARG SERVICE=registry
RUN npm ci && npx tsc -p docker/tsconfig.build.json
FROM \${NODE_IMAGE} AS prod-deps
RUN npm ci --omit=dev
FROM \${NODE_IMAGE}
ENV NODE_ENV=production PORT=8080
COPY --from=prod-deps /app/ ./
COPY --from=build /image/ ./
USER 10001
EXPOSE 8080
CMD ["node", "services/registry/dist/main.js"]
`;

describe('docker/Dockerfile static lint', () => {
  it('passes on the project Dockerfile and .dockerignore', () => {
    expect(lintDockerfile(dockerfile)).toEqual([]);
    expect(lintDockerignore(readFileSync(join(ROOT_DIR, '.dockerignore'), 'utf8'))).toEqual([]);
    const { stages } = parseDockerfile(dockerfile);
    expect(stages.at(-1)?.name).toBe('runtime');
  });

  it('passes on a minimal good Dockerfile', () => {
    expect(lintDockerfile(good)).toEqual([]);
  });

  it.each([
    [
      'single stage',
      good.replace(/FROM \$\{NODE_IMAGE\} AS build[\s\S]*?(?=FROM \$\{NODE_IMAGE\}\n)/, ''),
      /multi-stage|--omit=dev/,
    ],
    ['another Node major', good.replace('node:24-bookworm-slim', 'node:20-slim'), /node:24/],
    ['latest tag', good.replace('node:24-bookworm-slim', 'node:latest'), /node:24|latest/],
    ['no USER', good.replace('USER 10001\n', ''), /must set USER/],
    ['USER root', good.replace('USER 10001', 'USER root'), /runs as root/],
    ['named user', good.replace('USER 10001', 'USER node'), /numeric uid/],
    [
      'remote ADD',
      good.replace('USER 10001', 'ADD https://example.com/x.tgz /x\nUSER 10001'),
      /remote URL/,
    ],
    ['secret ENV', good.replace('PORT=8080', 'PORT=8080 NATIONAL_ID_KEY=abc'), /secret/],
    [
      'secret ARG',
      good.replace('ARG SERVICE=registry', 'ARG SERVICE=registry\nARG KAFKA_SASL_PASSWORD=hunter2'),
      /secret/,
    ],
    [
      'shell-form CMD',
      good.replace(/CMD .*/, 'CMD node services/registry/dist/main.js'),
      /exec form/,
    ],
    ['CMD of the sources', good.replace('dist/main.js', 'src/main.ts'), /compiled entry point/],
    ['dev dependencies', good.replace('npm ci --omit=dev', 'npm ci'), /--omit=dev/],
    [
      'node_modules from build',
      good.replace(
        'COPY --from=prod-deps /app/ ./',
        'COPY --from=build /app/node_modules ./node_modules',
      ),
      /build stage|--omit=dev/,
    ],
    ['COPY . in the final stage', good.replace('USER 10001', 'COPY . .\nUSER 10001'), /COPY \./],
    [
      'RUN after USER',
      good.replace('EXPOSE 8080', 'RUN echo hi\nEXPOSE 8080'),
      /no RUN after USER/,
    ],
    ['no NODE_ENV', good.replace('NODE_ENV=production ', ''), /NODE_ENV/],
  ])('fails on %s', (_, text, problem) => {
    expect(lintDockerfile(text).join('\n')).toMatch(problem);
  });

  it('requires .dockerignore to keep node_modules, tools, data and git out of the context', () => {
    expect(lintDockerignore('dist\n')).toHaveLength(6);
  });
});
