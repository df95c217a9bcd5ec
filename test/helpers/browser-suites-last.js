// Jest's own order, with the suites that drive Chromium moved to the end. `npm test` runs the e2e tier in
// one lane beside lint, the type-check and the unit and workflow tiers (scripts/test-all.mjs); those
// keep both cores busy for their first minutes. The browser journeys are the suites most sensitive to a
// starved machine (a page, the API, the worker and the browser share it), so they start once that lane
// is done. The e2e tier runs one suite at a time on two cores, so the order costs no time.
import { readFileSync } from 'node:fs';
import TestSequencerModule from '@jest/test-sequencer';

const TestSequencer = TestSequencerModule.default ?? TestSequencerModule;

const drivesBrowser = (test) => readFileSync(test.path, 'utf8').includes('/helpers/browser.js');

export default class BrowserSuitesLast extends TestSequencer {
  async sort(tests) {
    const ordered = await super.sort(tests);
    return [...ordered.filter((test) => !drivesBrowser(test)), ...ordered.filter(drivesBrowser)];
  }
}
