import { describe, expect, it } from '@jest/globals';
import { createValidationPipe } from '../../../libs/platform/src/errors/validation.js';
import { ApproveAssessmentDto, YearParam } from '../../../libs/reporting/src/dto/reporting-params.dto.js';

/** What the API's own pipe makes of a request part: the value the route gets, or the refused fields. */
async function read(metatype: new () => object, value: object, type: 'body' | 'param') {
  try {
    return { accepted: await createValidationPipe().transform(value, { type, metatype }) };
  } catch (error) {
    return { refused: (error as { fields: unknown }).fields };
  }
}

describe('the year of /assessments/{year}: four digits, nothing else read as one', () => {
  it.each(['2000', '2023', '2100'])('reads %s as the year', async (year) => {
    expect(await read(YearParam, { year }, 'param')).toEqual({ accepted: { year: Number(year) } });
  });

  it.each(['0x7e5', '02021', '2021 ', ' 2021', '2e3', '2021.0', '+2021', '２０２１', '', '202'])(
    'refuses %j, naming the parameter',
    async (year) => {
      expect(await read(YearParam, { year }, 'param')).toEqual({
        refused: [{ path: 'year', message: 'year must be a year written yyyy, such as 2023' }],
      });
    },
  );

  it('refuses a year outside the ones a campaign can have, as one problem', async () => {
    expect(await read(YearParam, { year: '1999' }, 'param')).toEqual({
      refused: [{ path: 'year', message: 'year must not be less than 2000' }],
    });
    expect(await read(YearParam, { year: '2101' }, 'param')).toEqual({
      refused: [{ path: 'year', message: 'year must not be greater than 2100' }],
    });
  });
});

describe("the committee's approval of a year's score", () => {
  const approval = { committeeDecision: '县食安委〔2024〕1号', approvedOn: '2024-01-20' };

  it('takes a decision and a day already come', async () => {
    expect(await read(ApproveAssessmentDto, approval, 'body')).toEqual({ accepted: approval });
  });

  it.each(['', '   ', '\u3000', '\u200b', '\t\n'])(
    'refuses the decision %j: it says nothing',
    async (text) => {
      expect(await read(ApproveAssessmentDto, { ...approval, committeeDecision: text }, 'body')).toEqual({
        refused: [{ path: 'committeeDecision', message: 'committeeDecision must not be blank' }],
      });
    },
  );

  it('refuses a day of approval still to come', async () => {
    expect(await read(ApproveAssessmentDto, { ...approval, approvedOn: '2999-01-20' }, 'body')).toEqual({
      refused: [{ path: 'approvedOn', message: 'approvedOn 2999-01-20 is in the future' }],
    });
  });
});
