import type { EventEnvelope } from '@rehab/events';
import type { Changed, Decision } from '@rehab/persistence';
import type { CertifiedAssessor, CertifiedFacility, Determination } from '../domain/index.ts';

/** A determination with what storage adds: its version and the unit used for jurisdiction. */
export interface StoredDetermination extends Determination {
  version: number;
  /** The facility's unit: health staff act on determinations of their area. */
  unitCode: string;
}

/** Determinations as the use cases need them; implemented on the persistence kit in store/. */
export interface DeterminationRepository {
  /** Returns what is stored: a retried request's earlier insert, if it landed (the kit). */
  insert(
    determination: StoredDetermination,
    events: readonly EventEnvelope[],
  ): Promise<StoredDetermination>;
  get(id: string): Promise<StoredDetermination | undefined>;
  /** Load, decide, save with its events, alone for this determination (see the kit). */
  change<R>(
    id: string,
    decide: (
      current: StoredDetermination,
    ) => Decision<StoredDetermination, R> | Promise<Decision<StoredDetermination, R>>,
  ): Promise<Changed<StoredDetermination, R>>;
  listByPerson(personId: string): Promise<StoredDetermination[]>;
  /** One determination per registry referral, even if the referral event comes twice. */
  claimReferral(
    referralId: string,
    determinationId: string,
  ): Promise<{ claimed: boolean; determinationId: string }>;
}

/** Certified facilities and their assessors (Decree 109/2021). */
export interface FacilityRepository {
  insertFacility(facility: CertifiedFacility): Promise<void>;
  getFacility(id: string): Promise<CertifiedFacility | undefined>;
  listFacilities(): Promise<CertifiedFacility[]>;
  /** False when the user is already an assessor of that facility. */
  insertAssessor(assessor: CertifiedAssessor): Promise<boolean>;
  getAssessor(facilityId: string, userId: string): Promise<CertifiedAssessor | undefined>;
  listAssessors(facilityId: string): Promise<CertifiedAssessor[]>;
}
