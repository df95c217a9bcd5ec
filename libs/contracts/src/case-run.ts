/**
 * A case workflow continues as new when the server suggests it. A run given `historyLimit` also does
 * so once its history has that many events; tests set a small one to cross the boundary, and every
 * later run of the case keeps it.
 */
export interface CaseRunLimit {
  historyLimit?: number;
}
