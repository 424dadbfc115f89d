// Rebuilding the read models: every consumed topic is replayed from its first offset into a
// fresh generation, beside the live one, which keeps answering. The replay builds the new
// generation in memory (no round trip per event) until it has read every message that
// existed when it started, writes it in groups, and queries switch to it; the replay's group
// then resumes where it stopped to apply, one by one, what arrived meanwhile. Applying an
// event is idempotent (the person's facts decide each change), so an event both the replay
// and the live consumer apply counts once. The old generation is deleted afterwards.
import { ConflictError } from '@rehab/domain-kit';
import type { EventEnvelope } from '@rehab/events';
import {
  addSeriesChangeInPlace,
  changesBetween,
  seriesOf,
  type SeriesChange,
} from '../domain/contributions.ts';
import type { Fact } from '../domain/facts.ts';
import { noFacts, type PersonFacts } from '../domain/person-facts.ts';
import { rollUpChain } from '../domain/units.ts';
import { appErrors } from './app-errors.ts';
import { applyEventUseCase } from './apply-event.ts';
import type { ReportingDeps } from './deps.ts';
import { personIdOf, projectEvent } from './project-event.ts';

type Offset = { topic: string; partition: number; offset: string };

/** Reads topics from their beginning (implemented on the event bus in events/). */
export interface ReplaySource {
  offsets(topic: string): Promise<{ partition: number; low: string; high: string }[]>;
  /** A consumer group that resumes from its committed offsets (the beginning at first). */
  replay(
    name: string,
    topics: readonly string[],
    handle: (event: EventEnvelope, at: Offset) => Promise<void>,
    /** A message the bus dead-lettered without handling (not a valid event). */
    skipped: (at: Offset) => void,
  ): { started: Promise<void>; stop(): Promise<void> };
}

export interface RebuildStatus {
  state: 'idle' | 'running' | 'switched' | 'failed';
  generation?: string;
  previousGeneration?: string;
  /** Messages on the topics when the rebuild started, and how many of them were read. */
  total?: number;
  applied?: number;
  /** Messages that were no valid event or whose projection failed (see the dead letters). */
  failed?: number;
  startedAt?: string;
  switchedAt?: string;
  finishedAt?: string;
  eventsPerSecond?: number;
  persons?: number;
  series?: number;
  heapUsedMb?: number;
  error?: string;
}

/** The new generation as the replay builds it in memory. */
export class MemoryGeneration {
  readonly persons = new Map<string, PersonFacts>();
  private readonly building = new Map<
    string,
    { fact: Fact; unitCode: string; days: Map<string, Map<string, number>>; asOf?: string }
  >();
  private readonly deps: ReportingDeps;

  constructor(deps: ReportingDeps) {
    this.deps = deps;
  }

  apply(event: EventEnvelope): void {
    const personId = personIdOf(event);
    if (!personId) return;
    const pseudonym = this.deps.pseudonym(personId);
    const before = this.persons.get(pseudonym) ?? noFacts;
    const after = projectEvent(before, event);
    if (after === before) return;
    const changes = changesBetween(before, after, this.deps.catalogue.ageBands, (unit) =>
      rollUpChain(unit, this.deps.units),
    );
    for (const [key, change] of changes) {
      const [fact, unitCode] = key.split('|') as [Fact, string];
      let current = this.building.get(key);
      if (!current) this.building.set(key, (current = { fact, unitCode, days: new Map() }));
      addSeriesChangeInPlace(current.days, change);
      if (!current.asOf || current.asOf < event.time) current.asOf = event.time;
    }
    this.persons.set(pseudonym, after);
  }

  /** The series built so far, in their stored form. */
  get series(): Map<string, { fact: Fact; unitCode: string; days: SeriesChange; asOf?: string }> {
    return new Map(
      [...this.building].map(([key, s]) => [
        key,
        {
          fact: s.fact,
          unitCode: s.unitCode,
          days: seriesOf(s.days),
          ...(s.asOf ? { asOf: s.asOf } : {}),
        },
      ]),
    );
  }
}

/** One rebuild at a time per instance; `status()` reports progress and throughput. */
export function createRebuilder(deps: ReportingDeps, source: ReplaySource, graceMs = 30_000) {
  let status: RebuildStatus = { state: 'idle' };

  async function run(): Promise<RebuildStatus> {
    if (status.state === 'running') throw new ConflictError(appErrors.rebuildRunning);
    const generation = `g${Date.now().toString(36)}`;
    const group = `reporting.rebuild.${generation}`;
    const previous = await deps.generations.active();
    const started = Date.now();
    status = {
      state: 'running',
      generation,
      previousGeneration: previous,
      startedAt: new Date(started).toISOString(),
    };
    // What must be read: every offset that existed now, per topic and partition.
    const pending = new Map<string, Set<number>>();
    for (const topic of deps.consumedTopics) {
      for (const { partition, low, high } of await source.offsets(topic)) {
        const offsets = new Set<number>();
        for (let offset = Number(low); offset < Number(high); offset++) offsets.add(offset);
        if (offsets.size) pending.set(`${topic}|${partition}`, offsets);
      }
    }
    const total = [...pending.values()].reduce((sum, offsets) => sum + offsets.size, 0);
    status = { ...status, total, applied: 0, failed: 0 };
    const memory = new MemoryGeneration(deps);
    let finish: () => void = () => undefined;
    const caughtUp = new Promise<void>((resolve) => (finish = resolve));
    const check = () => {
      if ([...pending.values()].every((offsets) => offsets.size === 0)) finish();
    };
    const read = (at: Offset, failed: boolean) => {
      if (pending.get(`${at.topic}|${at.partition}`)?.delete(Number(at.offset)))
        status = {
          ...status,
          applied: (status.applied ?? 0) + 1,
          failed: (status.failed ?? 0) + (failed ? 1 : 0),
        };
      check();
    };
    const inMemory = source.replay(
      group,
      [...deps.consumedTopics],
      async (event, at) => {
        let failed = false;
        try {
          memory.apply(event);
        } catch (error) {
          // The live consumer dead-letters the same event for an operator; the replay goes on.
          failed = true;
          status = { ...status, error: (error as Error).message };
        }
        read(at, failed);
      },
      (at) => read(at, true),
    );
    check();
    void (async () => {
      try {
        await inMemory.started;
        await caughtUp;
        await inMemory.stop();
        await deps.readModels(generation).load(memory.persons, memory.series);
        await deps.generations.switchTo(generation);
        const seconds = (Date.now() - started) / 1000;
        status = {
          ...status,
          switchedAt: new Date().toISOString(),
          eventsPerSecond: Math.round(total / Math.max(seconds, 0.001)),
          persons: memory.persons.size,
          series: memory.series.size,
          heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1_048_576),
        };
        // What arrived while the replay was stopped: the group resumes after its last commit.
        const store = deps.readModels(generation);
        const tail = source.replay(
          group,
          [...deps.consumedTopics],
          (event) => applyEventUseCase(deps, store, event).then(() => undefined),
          () => undefined,
        );
        await tail.started;
        await new Promise((resolve) => setTimeout(resolve, graceMs).unref());
        await tail.stop();
        if (previous !== generation) await deps.readModels(previous).drop();
        status = { ...status, state: 'switched', finishedAt: new Date().toISOString() };
      } catch (error) {
        await inMemory.stop().catch(() => undefined);
        status = { ...status, state: 'failed', error: (error as Error).message };
      }
    })();
    return status;
  }

  return { run, status: () => status };
}
