// A static lint of docker/Dockerfile (no container engine runs here, and hadolint cannot be
// installed): multi-stage on Node.js 24, production dependencies only in the final stage,
// non-root, exec-form CMD, no remote ADD, no secrets baked into ENV/ARG.
//   node --conditions=source scripts/checks/dockerfile-lint.ts [path]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Instruction {
  line: number;
  keyword: string;
  args: string;
}

export interface Stage {
  from: string;
  name: string | undefined;
  instructions: Instruction[];
}

/** Instructions with line continuations joined and comments dropped, grouped by stage. */
export function parseDockerfile(text: string): { preamble: Instruction[]; stages: Stage[] } {
  const instructions: Instruction[] = [];
  let buffer = '';
  let start = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trimEnd();
    if (buffer === '' && (line.trim() === '' || line.trimStart().startsWith('#'))) return;
    if (buffer !== '' && line.trimStart().startsWith('#')) return;
    if (buffer === '') start = i + 1;
    if (line.endsWith('\\')) {
      buffer += `${line.slice(0, -1)} `;
      return;
    }
    buffer += line;
    const match = /^\s*([A-Za-z]+)\s*(.*)$/s.exec(buffer);
    if (match?.[1]) {
      instructions.push({ line: start, keyword: match[1].toUpperCase(), args: match[2] ?? '' });
    }
    buffer = '';
  });
  const preamble: Instruction[] = [];
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [from = '', as, name] = instruction.args
        .split(/\s+/)
        .filter((part) => !part.startsWith('--'));
      stages.push({
        from,
        name: as?.toUpperCase() === 'AS' ? name : undefined,
        instructions: [],
      });
    } else if (stages.length === 0) {
      preamble.push(instruction);
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return { preamble, stages };
}

const SECRET_NAME = /(KEY|PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|MONGO_URL)/i;

/** Problems found in a Dockerfile; empty when it passes. */
export function lintDockerfile(text: string): string[] {
  const problems: string[] = [];
  const { preamble, stages } = parseDockerfile(text);
  const args = new Map<string, string>();
  for (const instruction of preamble) {
    if (instruction.keyword !== 'ARG') {
      problems.push(`line ${instruction.line}: only ARG may come before the first FROM`);
      continue;
    }
    const [name = '', value = ''] = instruction.args.split('=', 2);
    args.set(name.trim(), value.trim());
  }
  const resolveImage = (from: string) =>
    from.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, name: string) => args.get(name) ?? '');

  if (stages.length < 2) problems.push('the build must be multi-stage (build and runtime stages)');
  const stageNames = new Set(stages.map((s) => s.name).filter((n): n is string => !!n));
  for (const stage of stages) {
    const image = stageNames.has(stage.from) ? stage.from : resolveImage(stage.from);
    if (!stageNames.has(image) && !/^node:24([.-]|$)/.test(image)) {
      problems.push(
        `FROM ${stage.from} (${image}): stages must build on node:24 (the LTS the project runs)`,
      );
    }
    if (/:latest$/.test(image)) problems.push(`FROM ${image}: pin the major version, not latest`);
  }
  for (const stage of stages) {
    for (const { keyword, args: value, line } of stage.instructions) {
      if (keyword === 'ADD' && /(https?|git|ftp):\/\//i.test(value)) {
        problems.push(`line ${line}: ADD of a remote URL; download in a verified RUN step or COPY`);
      }
      if (keyword === 'ENV' || keyword === 'ARG') {
        for (const match of value.matchAll(/([A-Za-z_][A-Za-z0-9_]*)(?:=|\s+)("[^"]*"|\S*)/g)) {
          const [, name = '', assigned = ''] = match;
          if (SECRET_NAME.test(name) && assigned !== '') {
            problems.push(
              `line ${line}: ${keyword} ${name} looks like a secret baked into the image`,
            );
          }
        }
      }
      if (keyword === 'RUN' && /curl[^|]*\|\s*(ba)?sh/.test(value)) {
        problems.push(`line ${line}: piping a download into a shell`);
      }
      if (keyword === 'RUN' && /\bsudo\b/.test(value)) problems.push(`line ${line}: sudo`);
    }
  }
  const final = stages.at(-1);
  if (!final) return problems;
  const all = (keyword: string) => final.instructions.filter((i) => i.keyword === keyword);
  const users = all('USER');
  const user = users.at(-1)?.args.trim().split(':')[0] ?? '';
  if (!user) problems.push('the final stage must set USER (non-root)');
  else if (user === 'root' || user === '0') problems.push(`the final stage runs as ${user}`);
  else if (!/^[1-9][0-9]{3,}$/.test(user)) {
    problems.push(`USER ${user}: use a numeric uid (10001) so runAsNonRoot can verify it`);
  }
  const lastUser = users.at(-1);
  const runsAfterUser = final.instructions.filter(
    (i) => i.keyword === 'RUN' && lastUser && i.line > lastUser.line,
  );
  if (runsAfterUser.length > 0) problems.push('no RUN after USER in the final stage');
  // Production dependencies only: the final stage installs with --omit=dev / prunes, or
  // copies node_modules from a stage that did.
  const prodStages = stages.filter((s) =>
    s.instructions.some(
      (i) =>
        i.keyword === 'RUN' &&
        /npm (ci|install)[^&;]*--omit[= ]dev|npm prune[^&;]*--omit[= ]dev|npm prune --production/.test(
          i.args,
        ),
    ),
  );
  const finalInstallsProd = prodStages.includes(final);
  const copiesProdDeps = final.instructions.some(
    (i) =>
      i.keyword === 'COPY' &&
      prodStages.some((s) => s.name && new RegExp(`--from=${s.name}\\b`).test(i.args)),
  );
  if (!finalInstallsProd && !copiesProdDeps) {
    problems.push(
      'the final stage must get its node_modules from `npm ci --omit=dev` (or npm prune)',
    );
  }
  for (const i of final.instructions) {
    if (
      i.keyword === 'COPY' &&
      /--from=(\w[\w-]*)/.exec(i.args)?.[1] === 'build' &&
      /node_modules/.test(i.args)
    ) {
      problems.push(
        `line ${i.line}: node_modules copied from the build stage includes dev dependencies`,
      );
    }
    if (i.keyword === 'COPY' && !/--from=/.test(i.args) && /(^|\s)\.\s/.test(`${i.args} `)) {
      problems.push(`line ${i.line}: COPY . in the final stage brings sources and tools`);
    }
    if (
      i.keyword === 'RUN' &&
      /\b(npm (ci|install)(?![^&;]*--omit[= ]dev)|apt-get install|apk add)\b/.test(i.args)
    ) {
      problems.push(`line ${i.line}: installs packages in the final stage`);
    }
  }
  const cmd = all('CMD').at(-1) ?? all('ENTRYPOINT').at(-1);
  if (!cmd) problems.push('the final stage needs a CMD');
  else {
    let form: unknown;
    try {
      form = JSON.parse(cmd.args);
    } catch {
      form = undefined;
    }
    if (!Array.isArray(form) || !form.every((part) => typeof part === 'string')) {
      problems.push(
        `line ${cmd.line}: ${cmd.keyword} must use the exec form ["node", ...] (signals reach node)`,
      );
    } else if (form[0] !== 'node') {
      problems.push(`line ${cmd.line}: ${cmd.keyword} must start node directly`);
    } else if (!form.some((part) => /dist\/main\.js$/.test(part))) {
      problems.push(
        `line ${cmd.line}: ${cmd.keyword} must start the compiled entry point dist/main.js`,
      );
    }
  }
  const env = all('ENV')
    .map((i) => i.args)
    .join(' ');
  if (!/NODE_ENV=production/.test(env))
    problems.push('the final stage must set NODE_ENV=production');
  if (!/PORT=8080/.test(env)) problems.push('the final stage must set PORT=8080');
  if (!all('EXPOSE').some((i) => /\b8080\b/.test(i.args))) problems.push('EXPOSE 8080');
  if (
    !stages.some((s) =>
      s.instructions.some((i) => i.keyword === 'ARG' && /^SERVICE\b/.test(i.args)),
    )
  ) {
    problems.push('ARG SERVICE selects the service to build');
  }
  return problems;
}

/** Patterns docker/.dockerignore must hold so the context carries no tools, data or secrets. */
export function lintDockerignore(text: string): string[] {
  const lines = new Set(text.split('\n').map((l) => l.trim()));
  const needed = ['**/node_modules', '.git', '.tools', '.data', '**/dist', '**/coverage'];
  return needed.filter((p) => !lines.has(p)).map((p) => `.dockerignore must list ${p}`);
}

const isMain = process.argv[1] === fileURLToPath(import.meta.url);
if (isMain) {
  const root = join(fileURLToPath(new URL('.', import.meta.url)), '../..');
  const path = process.argv[2] ?? join(root, 'docker/Dockerfile');
  const problems = [
    ...lintDockerfile(readFileSync(path, 'utf8')),
    ...lintDockerignore(readFileSync(join(root, '.dockerignore'), 'utf8')),
  ];
  for (const problem of problems) console.error(`  ${problem}`);
  const stages = parseDockerfile(readFileSync(path, 'utf8')).stages;
  console.log(
    `Dockerfile: ${stages.length} stages (${stages.map((s) => s.name ?? s.from).join(' -> ')}); ${problems.length} problems`,
  );
  process.exitCode = problems.length > 0 ? 1 : 0;
}
