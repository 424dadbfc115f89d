// Loan lists, loans and business loans on the persistence kit. Which lists may hold a person
// is noted in `loanListEntries` (one document per list and person, looked up by person)
// before the list is written; a loan reads those lists and trusts only what each list says.
import { isDuplicateKey } from '@rehab/service-kit';
import type { Persistence } from '@rehab/persistence';
import type { Connection } from 'mongoose';
import { appErrors } from '../app/deps.ts';
import type {
  EmployerLoan,
  EmployerLoanRepository,
  Loan,
  LoanListRepository,
  LoanRepository,
  Stored,
} from '../app/ports.ts';
import type { LoanList } from '../domain/index.ts';
import { aggregatesOn } from './aggregates.ts';

interface EntryDoc {
  _id: string;
  personId: string;
  listId: string;
}

const ENTRIES = 'loanListEntries';

export function loanListRepository(
  persistence: Persistence,
  connection: Connection,
): LoanListRepository {
  const lists = aggregatesOn<LoanList>(persistence, {
    collection: 'loanLists',
    notFound: appErrors.loanListNotFound,
    keyNames: ['listUnit'],
    keys: (list) => ({ listUnit: list.unitCode }),
  });
  persistence.declare(ENTRIES, [{ key: { personId: 1 } }]);
  const entries = connection.collection<EntryDoc>(ENTRIES);
  return {
    get: lists.get,
    insert: lists.insert,
    change: lists.change,
    async noteEntries(listId, personIds) {
      await Promise.all(
        personIds.map(async (personId) => {
          try {
            await entries.insertOne({ _id: `${listId}|${personId}`, personId, listId });
          } catch (error) {
            // Noted by an earlier attempt: the note is the same.
            if (!isDuplicateKey(error)) throw error;
          }
        }),
      );
    },
    async listsOf(personId) {
      const noted = await entries.find({ personId }).toArray();
      const found = await Promise.all(noted.map((entry) => lists.get(entry.listId)));
      return found.filter((list): list is Stored<LoanList> => list !== undefined);
    },
    byUnit: (unitCode) => lists.store.findBy({ listUnit: unitCode }),
  };
}

export function loanRepository(persistence: Persistence): LoanRepository {
  const loans = aggregatesOn<Loan>(persistence, {
    collection: 'loans',
    notFound: appErrors.loanNotFound,
    keyNames: ['borrower'],
    keys: (loan) => ({ borrower: loan.personId }),
  });
  return {
    get: loans.get,
    insert: loans.insert,
    change: loans.change,
    byPerson: (personId) => loans.store.findBy({ borrower: personId }),
  };
}

export function employerLoanRepository(persistence: Persistence): EmployerLoanRepository {
  const { store: _store, ...loans } = aggregatesOn<EmployerLoan>(persistence, {
    collection: 'employerLoans',
    notFound: appErrors.loanNotFound,
  });
  return loans;
}
