// Rebuilding the read models: every consumed topic is replayed from its first offset into a
// fresh generation, beside the live one, which keeps answering. The replay builds the new
// generation in memory (no round trip per event) until it has read every message that
// existed when it started, writes it in groups, and queries switch to it; what arrived
// meanwhile is then applied one by one, and the replay's group resumes where it stopped.
// A province larger than one pass is replayed once per pass, each keeping a share of the
// persons in memory (passOf), so memory stays bounded. Applying an
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
  /** Replays of the topics, each keeping a share of the persons in memory; those done. */
  passes?: number;
  pass?: number;
  heapUsedMb?: number;
  error?: string;
  /** The last beat of a running rebuild: one silent for long has stopped (its instance died). */
  heartbeatAt?: string;
}

/** Where the status lives, shared by the replicas (store/rebuild-status-store.ts). */
export interface RebuildStatusStore {
  get(): Promise<RebuildStatus | undefined>;
  /** Writes `next` unless `isLive(current)`: then a 409, rebuild-running. */
  claim(next: RebuildStatus, isLive: (current: RebuildStatus) => boolean): Promise<void>;
  save(status: RebuildStatus): Promise<void>;
}

/** How often a running rebuild beats, and how long a silent one still counts as running. */
const HEARTBEAT_MS = 5_000;
const SILENT_AFTER_MS = 30_000;

/** The new generation as the replay builds it in memory. */
export class MemoryGeneration {
  readonly persons = new Map<string, PersonFacts>();
  /** Persons projected so far, including those already handed over by `takePersons`. */
  personsSeen = 0;
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
    if (!this.persons.has(pseudonym)) this.personsSeen += 1;
    this.persons.set(pseudonym, after);
  }

  /** Hands over the persons projected so far and forgets them (the series stay). */
  takePersons(): Map<string, PersonFacts> {
    const taken = new Map(this.persons);
    this.persons.clear();
    return taken;
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

/**
 * The pass of a person: a rebuild of more events than one pass holds replays the topics
 * once per pass and keeps only that pass's persons in memory (their series add up across
 * passes), so its memory stays bounded however large the province.
 */
export function passOf(pseudonym: string, passes: number): number {
  let hash = 2166136261;
  for (let i = 0; i < pseudonym.length; i++)
    hash = Math.imul(hash ^ pseudonym.charCodeAt(i), 16777619);
  return (hash >>> 0) % passes;
}

/**
 * One rebuild at a time across the replicas; `status()` reports progress and throughput.
 * `eventsPerPass` bounds what one pass keeps in memory (REBUILD_EVENTS_PER_PASS).
 */
export function createRebuilder(
  deps: ReportingDeps,
  source: ReplaySource,
  statuses: RebuildStatusStore,
  graceMs = 30_000,
  eventsPerPass = 2_000_000,
) {
  let status: RebuildStatus = { state: 'idle' };
  const isLive = (s: RebuildStatus) =>
    s.state === 'running' &&
    Date.now() - Date.parse(s.heartbeatAt ?? s.startedAt ?? '') < SILENT_AFTER_MS;
  const beat = () => {
    status = { ...status, heartbeatAt: new Date().toISOString() };
    return statuses.save(status);
  };

  async function run(): Promise<RebuildStatus> {
    if (status.state === 'running') throw new ConflictError(appErrors.rebuildRunning);
    const generation = `g${Date.now().toString(36)}`;
    const group = `reporting.rebuild.${generation}`;
    const previous = await deps.generations.active();
    const started = Date.now();
    const claimed: RebuildStatus = {
      state: 'running',
      generation,
      previousGeneration: previous,
      startedAt: new Date(started).toISOString(),
      heartbeatAt: new Date(started).toISOString(),
    };
    // One rebuild at a time across the replicas: the claim is alone for the status record.
    const before = await statuses.get();
    await statuses.claim(claimed, isLive);
    status = claimed;
    // A rebuild whose instance died left its generation half-written: it goes now.
    const abandoned =
      before?.state === 'running' && before.generation !== previous ? before.generation : undefined;
    // What must be read: every offset that existed now, per topic and partition (the end
    // offset is the next one to be written).
    const ends = new Map<string, number>();
    let total = 0;
    for (const topic of deps.consumedTopics) {
      for (const { partition, low, high } of await source.offsets(topic)) {
        if (Number(high) > Number(low)) ends.set(`${topic}|${partition}`, Number(high));
        total += Number(high) - Number(low);
      }
    }
    const passes = Math.max(1, Math.ceil(total / eventsPerPass));
    status = { ...status, total, applied: 0, failed: 0, passes, pass: 0 };
    const memory = new MemoryGeneration(deps);
    const store = deps.readModels(generation);
    /** What arrived after the snapshot, read by the last pass: applied after the switch. */
    const late: EventEnvelope[] = [];

    /** Replays every topic once, keeping the persons of pass `pass`. */
    async function replayPass(pass: number): Promise<string> {
      const passGroup = passes === 1 ? group : `${group}.p${pass}`;
      const last = pass === passes - 1;
      const remaining = new Map(ends);
      let finish: () => void = () => undefined;
      const caughtUp = new Promise<void>((resolve) => (finish = resolve));
      const check = () => {
        if (remaining.size === 0) finish();
      };
      /** True for a message of the snapshot (read once per pass). */
      /**
       * Counts a message of the snapshot: read (and a message that is no valid event) in the
       * first pass, a projection failure in the pass of its person, so each counts once.
       */
      const read = (at: Offset, failure: 'none' | 'invalid' | 'projection'): boolean => {
        const key = `${at.topic}|${at.partition}`;
        const end = ends.get(key);
        if (end === undefined || Number(at.offset) >= end) return false;
        // The last offset marks the partition read: the source hands a partition's messages
        // over one after the other (busReplaySource, one key at a time).
        if (Number(at.offset) >= end - 1) remaining.delete(key);
        const failed = failure === 'projection' || (failure === 'invalid' && pass === 0);
        status = {
          ...status,
          applied: (status.applied ?? 0) + (pass === 0 ? 1 : 0),
          failed: (status.failed ?? 0) + (failed ? 1 : 0),
        };
        check();
        return true;
      };
      const replay = source.replay(
        passGroup,
        [...deps.consumedTopics],
        async (event, at) => {
          const key = `${at.topic}|${at.partition}`;
          const inSnapshot = Number(at.offset) < (ends.get(key) ?? 0);
          if (!inSnapshot) {
            if (last) late.push(event);
            return;
          }
          const personId = personIdOf(event);
          const mine =
            passes === 1 || (personId && passOf(deps.pseudonym(personId), passes) === pass);
          let failed = false;
          if (mine) {
            try {
              memory.apply(event);
            } catch (error) {
              // The live consumer dead-letters the same event for an operator; the replay goes on.
              failed = true;
              status = { ...status, error: (error as Error).message };
            }
          }
          read(at, failed ? 'projection' : 'none');
        },
        (at) => void read(at, 'invalid'),
      );
      check();
      try {
        await replay.started;
        await caughtUp;
      } finally {
        await replay.stop();
      }
      // This pass's persons go to the new generation now; their memory is freed.
      await store.load(memory.takePersons(), new Map());
      status = { ...status, pass: pass + 1 };
      return passGroup;
    }

    const heartbeat = setInterval(() => void beat().catch(() => undefined), HEARTBEAT_MS);
    heartbeat.unref();
    void (async () => {
      let switched = false;
      try {
        if (abandoned) await deps.readModels(abandoned).drop();
        let lastGroup = group;
        for (let pass = 0; pass < passes; pass++) lastGroup = await replayPass(pass);
        await store.load(new Map(), memory.series);
        await deps.generations.switchTo(generation);
        switched = true;
        const seconds = (Date.now() - started) / 1000;
        status = {
          ...status,
          switchedAt: new Date().toISOString(),
          eventsPerSecond: Math.round(total / Math.max(seconds, 0.001)),
          persons: memory.personsSeen,
          series: memory.series.size,
          heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1_048_576),
        };
        await beat();
        // What arrived while the replay ran: read by the last pass, applied one by one now;
        // then the last pass's group resumes after its last commit.
        for (const event of late) await applyEventUseCase(deps, store, event);
        const tail = source.replay(
          lastGroup,
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
        status = { ...status, state: 'failed', error: (error as Error).message };
        // A generation never switched to answers nothing: its records go.
        if (!switched)
          await deps
            .readModels(generation)
            .drop()
            .catch(() => undefined);
      } finally {
        clearInterval(heartbeat);
        await beat().catch(() => undefined);
      }
    })();
    return status;
  }

  /** This instance's rebuild while it runs, else the last one any replica recorded. */
  async function currentStatus(): Promise<RebuildStatus> {
    if (status.state === 'running') return status;
    const stored = (await statuses.get()) ?? status;
    if (stored.state === 'running' && !isLive(stored))
      return { ...stored, state: 'failed', error: 'interrupted: the rebuild stopped beating' };
    return stored;
  }

  return { run, status: currentStatus };
}
