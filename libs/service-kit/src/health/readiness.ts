/** A dependency the service needs to serve traffic (MongoDB, Kafka). */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export interface ReadinessReport {
  status: 'ready' | 'not-ready';
  checks: Record<string, { status: 'up' | 'down'; error?: string }>;
}

/** Runs all checks in parallel, each bounded so a hung dependency answers "down", not a hung probe. */
export async function runReadiness(
  checks: readonly ReadinessCheck[],
  timeoutMs = 2_000,
): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          check(),
          new Promise((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`timed out after ${timeoutMs} ms`)),
              timeoutMs,
            );
          }),
        ]);
        return [name, { status: 'up' as const }] as const;
      } catch (error) {
        return [
          name,
          {
            status: 'down' as const,
            error: error instanceof Error ? error.message : String(error),
          },
        ] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const report = Object.fromEntries(results);
  const ready = results.every(([, r]) => r.status === 'up');
  return { status: ready ? 'ready' : 'not-ready', checks: report };
}
