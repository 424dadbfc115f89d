/**
 * The setting that turns on the stand-in's GIN index mirror (libs/persistence), for the
 * configs tests and benchmarks build: the test and bench stacks export
 * FERRETDB_POSTGRESQL_URL (scripts/stack.sh), a MongoDB server has none.
 */
export function standInSettings(env: NodeJS.ProcessEnv = process.env): {
  FERRETDB_POSTGRESQL_URL?: string;
} {
  const url = env.FERRETDB_POSTGRESQL_URL;
  return url ? { FERRETDB_POSTGRESQL_URL: url } : {};
}
