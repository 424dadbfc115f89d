// The service's own rulebook and the project's calendar, for the unit tests beside the rules.
import { readFileSync } from 'node:fs';
import { createWorkingDayCalendar, loadRulebook } from '@rehab/domain-kit';
import { createMethadoneRules, type MethadoneRules } from './methadone-rules.ts';

export const calendar = createWorkingDayCalendar();

export const rulebook = loadRulebook(
  readFileSync(new URL('../../rules/methadone.rulebook.yaml', import.meta.url), 'utf8'),
);

export const rules: MethadoneRules = createMethadoneRules(rulebook, calendar);
