import { describe, expect, it } from '@jest/globals';
import {
  beijingDeadline,
  clauseOf,
  noticeZh,
  subjectIdentityZh,
  systemTextZh,
} from '../../../apps/console/src/format.js';
import { SubjectKind } from '../../../libs/contracts/src/subject.contracts.js';

/** 2026-12-08 24:00 in Beijing: the end of a day clock's last day. */
const DAY_END = '2026-12-08T16:00:00.000Z';
const personName = (id: string) => ({ 'head.amr': '王明' })[id] ?? id;

describe('text the engine composed, as officials read it', () => {
  it('says a deadline that ends a Beijing day as 24:00 of that day, any other instant in Beijing time', () => {
    expect(beijingDeadline(DAY_END)).toBe('2026/12/08 24:00');
    expect(beijingDeadline('2026-12-03T12:39:52.545Z')).toBe('2026/12/03 20:39');
    expect(beijingDeadline(undefined)).toBe('未定');
    expect(beijingDeadline('undefined')).toBe('未定');
  });

  it.each([
    [
      '隐患 FX-2026-000003 逾期未整改 / risk item overdue since 2026-12-03T12:39:52.545Z',
      '隐患 FX-2026-000003 逾期未整改（整改期限 2026/12/03 20:39）',
    ],
    // The source's Chinese text (decision 0023, addendum) reads the same as the old bilingual one.
    [
      `隐患 FX-2026-000003 逾期未整改（整改期限 ${DAY_END}）`,
      '隐患 FX-2026-000003 逾期未整改（整改期限 2026/12/08 24:00）',
    ],
    ['隐患 FX-2026-000003 逾期未整改 / risk item overdue since undefined', '隐患 FX-2026-000003 逾期未整改'],
    [
      `2026年5月 专项行动5 报送 逾期未报 / report missed, due ${DAY_END}`,
      '2026年5月 专项行动5 报送 逾期未报（报送期限 2026/12/08 24:00）',
    ],
    [
      '2026-Q4 季通报：指标进度滞后 / indicators lagging behind the target path (bulletin TB-2026-Q4-1)',
      '2026-Q4 季通报：指标进度滞后（通报 TB-2026-Q4-1）',
    ],
    [
      `移送案件 YS-2026-000001 时限 transfer 已过 / referral clock transfer expired at ${DAY_END}`,
      '移送案件 YS-2026-000001 时限已过：移送公安机关（期限 2026/12/08 24:00）',
    ],
    [
      `移送案件 YS-2026-000001 时限已过：批准后移送公安机关（期限 ${DAY_END}）`,
      '移送案件 YS-2026-000001 时限已过：批准后移送公安机关（期限 2026/12/08 24:00）',
    ],
    [
      '投诉举报 TJ-2026-000001 时限已过 / complaint clock expired (complaint-clock-expired:verification)',
      '投诉举报 TJ-2026-000001 时限已过：核查期限',
    ],
    [
      '举报 TJ-2026-000001 记录了对内部举报人的不利行为 / action against an insider recorded on TJ-2026-000001',
      '举报 TJ-2026-000001 记录了对内部举报人的不利行为',
    ],
    // A supervisor's own words stay as written, a " / " among them too.
    ['粮食质量抽检整改迟缓', '粮食质量抽检整改迟缓'],
    ['抽检不合格 / 未整改', '抽检不合格 / 未整改'],
  ])('reads the card reason %s', (stored, shown) => {
    expect(systemTextZh(stored)).toBe(shown);
  });

  it.each([
    // [kind, caseType, title, body] → [tag, title, body]
    [
      ['overdue', 'risk-item', '隐患 FX-2026-000003 已逾期 / Overdue', `整改期限 was due ${DAY_END}`],
      ['逾期', '隐患 FX-2026-000003 已逾期', '整改期限：2026/12/08 24:00'],
    ],
    [
      [
        'assigned',
        'risk-item',
        '隐患 FX-2026-000003 已交办 / Risk item assigned',
        `整改期限 due ${DAY_END}: 自2026-12-01起5个工作日（起算日不计入），期满日为2026-12-08，截止时间为2026-12-08 24:00（北京时间，Asia/Shanghai）`,
      ],
      [
        '交办',
        '隐患 FX-2026-000003 已交办',
        '整改期限：2026/12/08 24:00；期限依据：自2026-12-01起5个工作日（起算日不计入），期满日为2026-12-08，截止时间为2026-12-08 24:00（北京时间，Asia/Shanghai）',
      ],
    ],
    [
      [
        'verification-due',
        'risk-item',
        '隐患 FX-2026-000003 整改已提交，待验收 / Rectification submitted',
        '验收期限 verify by 2026-12-11T16:00:00.000Z',
      ],
      ['待核查', '隐患 FX-2026-000003 整改已提交，待验收', '验收期限：2026/12/11 24:00'],
    ],
    [
      [
        'verification-due',
        'risk-item',
        '隐患 FX-2026-000003 验收已超期 / Verification overdue',
        'verify was due 2026-12-11T16:00:00.000Z',
      ],
      ['待核查', '隐患 FX-2026-000003 验收已超期', '验收期限：2026/12/11 24:00'],
    ],
    [
      ['closed', 'risk-item', '隐患 FX-2026-000003 已销号 / Closed', '验收通过 accepted'],
      ['办结', '隐患 FX-2026-000003 已销号', '验收通过'],
    ],
    [
      ['overdue', 'report-request', '2026年5月报送 逾期未报 / Report missed', `报送期限 was due ${DAY_END}`],
      ['逾期', '2026年5月报送 逾期未报', '报送期限：2026/12/08 24:00'],
    ],
    [
      [
        'assigned',
        'complaint',
        '举报人身份已查看 TJ-2026-000001 / Reporter identity revealed',
        'head.amr — request 1',
      ],
      ['身份查看', '举报人身份已查看 TJ-2026-000001', '办理人：王明（申请 1）'],
    ],
    [
      [
        'overdue',
        'complaint',
        '疑似打击报复内部举报人 TJ-2026-000001 / Possible retaliation against an insider',
        'dismissal',
      ],
      ['打击报复', '疑似打击报复内部举报人 TJ-2026-000001', '不利行为：解聘、辞退'],
    ],
    [
      ['assigned', 'complaint', '举报人已答复 TJ-2026-000001 / The reporter answered', 'accepted'],
      ['举报人答复', '举报人已答复 TJ-2026-000001', '案件状态：已受理'],
    ],
    [
      ['assigned', 'complaint', '新投诉举报 TJ-2026-000001 / New complaint or report', 'report'],
      ['交办', '新投诉举报 TJ-2026-000001', '类别：举报'],
    ],
    [
      [
        'overdue',
        'complaint',
        '投诉举报 TJ-2026-000001 时限已过 / Complaint clock expired: verification',
        `${DAY_END} — 核查举报线索（自收到之日起）`,
      ],
      [
        '逾期',
        '投诉举报 TJ-2026-000001 时限已过：核查期限',
        '期限：2026/12/08 24:00；期限依据：核查举报线索（自收到之日起）',
      ],
    ],
    [
      [
        'assigned',
        'referral',
        '移送案件 YS-2026-000001：公安机关 decide-filing / The police took a step',
        'filed',
      ],
      ['交办', '移送案件 YS-2026-000001：公安机关作出是否立案决定', '案件状态：已立案'],
    ],
    [
      [
        'overdue',
        'referral',
        '移送案件 YS-2026-000001 时限已过 / Referral clock expired: receipt',
        ` — 公安机关签收回执`,
      ],
      ['逾期', '移送案件 YS-2026-000001 时限已过：公安机关签收', '期限依据：公安机关签收回执'],
    ],
    [
      [
        'escalation',
        'card',
        '橙牌督办：KP-2026-000001',
        '橙牌督办：…；约谈日期 summons on 2026-12-10T01:30:00.000Z',
      ],
      ['升级', '橙牌督办：KP-2026-000001', '橙牌督办：…；约谈日期：2026/12/10 09:30'],
    ],
  ])('reads the notice %j', ([kind, caseType, title, body], [tag, titleZh, bodyZh]) => {
    expect(noticeZh({ kind, caseType, title, body }, personName)).toEqual({
      tag,
      title: titleZh,
      body: bodyZh,
    });
  });

  it('sets a text inside a printed sentence without its own final stop', () => {
    expect(clauseOf('售卖超过保质期的预包装食品。')).toBe('售卖超过保质期的预包装食品');
    expect(clauseOf('请限期督办。 ')).toBe('请限期督办');
    expect(clauseOf('售卖超过保质期的预包装食品')).toBe('售卖超过保质期的预包装食品');
  });

  it('identifies a subject by its credit code, or by its kind and the identifiers it has', () => {
    expect(subjectIdentityZh({ creditCode: '91350100M000100Y43' })).toBe(
      '统一社会信用代码 91350100M000100Y43',
    );
    expect(
      subjectIdentityZh({ kind: SubjectKind.StreetStall, identifiers: { stallRegistration: 'WZ-XT-0042' } }),
    ).toBe('食品小摊点，备案卡号 WZ-XT-0042');
    expect(subjectIdentityZh({ kind: SubjectKind.UnlicensedWorkshop })).toBe('无证无照黑窝点');
    expect(
      subjectIdentityZh({
        kind: SubjectKind.Farmland,
        creditCode: null,
        identifiers: { parcelCode: '4108230012345' },
      }),
    ).toBe('农田地块，承包地块编码 4108230012345');
  });
});
