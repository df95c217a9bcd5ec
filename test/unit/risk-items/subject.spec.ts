import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { SubjectKind } from '../../../libs/contracts/src/subject.contracts.js';
import {
  identifierProblems,
  needsCreditCode,
  residentIdProblem,
} from '../../../libs/risk-items/src/domain/subject.js';
import { TargetBusinessDto } from '../../../libs/risk-items/src/dto/subject.dto.js';

// Subjects without a 统一社会信用代码 (issue 13 §13): the code is required only of registered businesses.
const CODE = '91350100M000100Y43';
const base = { name: '某村东坑塘', address: '某乡某村', townshipId: 'township-sample-1' };
const problemsOf = (body: object) =>
  validateSync(plainToInstance(TargetBusinessDto, body)).map((e) => ({
    property: e.property,
    messages: Object.values(e.constraints ?? {}),
  }));

describe('subject kinds and their identifiers', () => {
  it('requires the credit code of a registered business, and of a subject without a kind (older records)', () => {
    expect(needsCreditCode({})).toBe(true);
    expect(needsCreditCode({ kind: SubjectKind.RegisteredBusiness })).toBe(true);
    for (const kind of Object.values(SubjectKind).filter((k) => k !== SubjectKind.RegisteredBusiness)) {
      expect(needsCreditCode({ kind })).toBe(false);
      expect(needsCreditCode({ kind, creditCode: null })).toBe(false);
      // One given anyway (an individual business's stall) is checked.
      expect(needsCreditCode({ kind, creditCode: CODE })).toBe(true);
    }
  });

  it('accepts only the identifiers that fit the kind, each well formed', () => {
    expect(
      identifierProblems({ kind: SubjectKind.WaterBody, identifiers: { waterBodyCode: 'HA-0042' } }),
    ).toEqual([]);
    expect(
      identifierProblems({ kind: SubjectKind.Farmland, identifiers: { waterBodyCode: 'HA-0042' } }),
    ).toEqual([
      { path: 'identifiers.waterBodyCode', message: 'waterBodyCode does not fit a subject of kind farmland' },
    ]);
    expect(
      identifierProblems({ kind: SubjectKind.StreetStall, identifiers: { stallRegistration: '摊 1' } }),
    ).toEqual([
      {
        path: 'identifiers.stallRegistration',
        message: 'stallRegistration must be 1–40 letters, digits or hyphens',
      },
    ]);
    expect(identifierProblems({ identifiers: { parcelCode: '1' } })[0].message).toContain(
      'registered-business',
    );
  });

  it('checks a farmer’s resident identity number by its check character (GB 11643)', () => {
    expect(residentIdProblem('11010519491231002X')).toBeUndefined();
    expect(residentIdProblem('110105194912310021')).toBe('invalid check character; expected X');
    expect(residentIdProblem('1101051949123100')).toContain('17 digits');
  });
});

describe('the subject at the edge (TargetBusinessDto)', () => {
  it('keeps accepting a registered business as before, without a kind', () => {
    expect(problemsOf({ ...base, creditCode: CODE })).toEqual([]);
    expect(problemsOf(base)).toEqual([
      { property: 'creditCode', messages: ['credit code must be a string'] },
    ]);
  });

  it('accepts a stall, a workshop, a farmer, a field and a water body without a credit code', () => {
    expect(
      problemsOf({ ...base, kind: 'street-stall', identifiers: { stallRegistration: 'WZ-0042' } }),
    ).toEqual([]);
    expect(problemsOf({ ...base, kind: 'unlicensed-workshop' })).toEqual([]);
    expect(
      problemsOf({ ...base, kind: 'farmer', identifiers: { residentId: '11010519491231002X' } }),
    ).toEqual([]);
    expect(
      problemsOf({ ...base, kind: 'farmland', creditCode: null, identifiers: { parcelCode: '4108230001' } }),
    ).toEqual([]);
    expect(problemsOf({ ...base, kind: 'water-body' })).toEqual([]);
  });

  it('refuses a wrong credit code on any kind, an unknown kind and identifiers that do not fit', () => {
    expect(problemsOf({ ...base, kind: 'street-stall', creditCode: '91350100M000100Y44' })[0].property).toBe(
      'creditCode',
    );
    expect(problemsOf({ ...base, kind: 'cafe', creditCode: CODE })[0].property).toBe('kind');
    expect(
      problemsOf({ ...base, kind: 'unlicensed-workshop', identifiers: { residentId: '11010519491231002X' } }),
    ).toEqual([
      {
        property: 'identifiers',
        messages: ['residentId does not fit a subject of kind unlicensed-workshop'],
      },
    ]);
  });
});
