import { InitialSchema1732780800000 } from './1732780800000-initial-schema.js';

/** Every migration, in order. Schema changes are only ever made by adding one here. */
export const MIGRATIONS = [InitialSchema1732780800000];
