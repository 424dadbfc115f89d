// The facts the read models count. A stock is a state a person is in over days (on the
// management list, admitted to a compulsory facility); a flow is something that happened
// on one day (a drug-use detection, a court decision). Indicators in the catalogue name
// these facts; the events that produce them are mapped in app/project-event.ts.

export const stockFacts = [
  'management-list',
  'in-compulsory',
  'in-voluntary-facility',
  'in-voluntary-home',
  'under-post-rehab',
  'mmt-on-treatment',
] as const;
export type StockFact = (typeof stockFacts)[number];

export const flowFacts = [
  'drug-use-detected',
  'determined-addicted',
  'compulsory-dossier-compiled',
  'compulsory-court-decided',
  'compulsory-executed',
  'absconded',
  'rehab-completed',
  'post-rehab-opened',
  'relapse',
  'mmt-new',
  'mmt-dropped-out',
  'post-rehab-support-needed',
  'post-rehab-supported',
] as const;
export type FlowFact = (typeof flowFacts)[number];

export type Fact = StockFact | FlowFact;

export const isStockFact = (fact: string): fact is StockFact =>
  (stockFacts as readonly string[]).includes(fact);
export const isFact = (fact: string): fact is Fact =>
  isStockFact(fact) || (flowFacts as readonly string[]).includes(fact);

/** Ways of care a person is counted in (the `modality` breakdown). */
export const modalities = [
  'compulsory',
  'voluntary-facility',
  'voluntary-home',
  'mmt',
  'post-rehab',
] as const;
export type Modality = (typeof modalities)[number];

export const substanceClasses = ['opioid', 'ats', 'cannabis', 'other'] as const;
export type SubstanceClass = (typeof substanceClasses)[number];
