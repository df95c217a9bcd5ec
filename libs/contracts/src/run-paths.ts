/**
 * The memo entry that says which code paths a case run was started on (decision 0027). A run stamped
 * with RUN_PATHS takes every patch that code had, so it records no patch marker: each marker also costs
 * a `TemporalChangeVersion` search-attribute upsert, a visibility write, in every new run.
 */
export const RUN_PATHS_MEMO = 'dubanRunPaths';
/** The stamp this code starts runs with. Raise it only together with the patches it folds. */
export const RUN_PATHS = 2;

export const runPathsMemo = (): Record<string, number> => ({ [RUN_PATHS_MEMO]: RUN_PATHS });
