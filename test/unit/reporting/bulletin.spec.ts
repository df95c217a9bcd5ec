import { describe, expect, it } from '@jest/globals';
import { ReportRequestStatus } from '../../../libs/contracts/src/reporting.contracts.js';
import { createHash } from 'node:crypto';
import {
  BULLETIN_LAYOUT,
  buildBulletin,
  laggingCardTriggers,
  REGENERATED_LAYOUTS,
  type BulletinInputs,
} from '../../../libs/reporting/src/domain/bulletin.js';
import {
  bulletinCsvFileName,
  renderBulletinHtml,
} from '../../../libs/reporting/src/domain/bulletin-render.js';
import { renderIndicatorsCsv, renderUnitsCsv } from '../../../libs/reporting/src/domain/bulletin-csv.js';
import { renderBulletin } from '../../../libs/reporting/src/bulletin-document.js';
import { bulletinTables } from '../../../libs/reporting/src/domain/bulletin-tables.js';
import { unitBulletinView } from '../../../libs/reporting/src/domain/publication.js';
import { contestedInputs, bulletinInputs as inputs } from '../../helpers/bulletin-inputs.js';
import { PLAN_FIXTURE } from '../../helpers/plan-fixture.js';
import { bundledPlan } from '../../helpers/bundled-plan.js';

describe('quarterly bulletin (季通报)', () => {
  const bulletin = buildBulletin(inputs());

  it('compares the latest reported value of the quarter with the target path on its last day', () => {
    const rate = bulletin.indicators.find((r) => r.indicatorId === 'a5-rural-shops-standard')!;
    // Path on 2023-03-31: 50 + 20 × 90/365 = 54.93; the February value (40) is the latest reported.
    expect(rate).toMatchObject({ unitId: 'amr', path: 54.93, actual: 40, gap: 14.93, lagging: true });
    const streets = bulletin.indicators.find((r) => r.indicatorId === 'a5-demo-streets')!;
    // First target: from 0 on 2022-07-07 to 1 on 2023-12-31 (542 days); 2023-03-31 is day 267 → 0.49,
    // and a count's path is whole: 0 streets are on track until the street is due.
    expect(streets).toMatchObject({ path: 0, actual: 0, lagging: false });
    expect(bulletin.indicators.find((r) => r.indicatorId === 'a2-sampling-pass-rate')).toMatchObject({
      path: 98,
      actual: 99,
      lagging: false,
    });
    expect(bulletin.laggingUnits).toEqual(['amr']);
  });

  it('ranks units by attainment and counts reports, risk items, cards by colour and referrals', () => {
    expect(bulletin.units.map((u) => [u.rank, u.unitId, u.attainment])).toEqual([
      [1, 'agri', 100],
      [2, 'amr', 86.41], // mean of 40/54.93 = 72.82 % and 100 % (0 streets against a path of 0)
    ]);
    const amr = bulletin.units[1];
    expect(amr.reports).toEqual({ requested: 3, submitted: 2, missed: 1 });
    expect(amr.riskItems).toEqual({ opened: 4, closed: 2, overdue: 1 });
    expect(amr.cards).toEqual({ red: { raised: 1, lifted: 0 }, yellow: { raised: 2, lifted: 1 } });
    expect(amr.referrals).toEqual({ leadsMeetingThreshold: 4, referred: 3, rate: 75 });
    expect(bulletin.colours).toEqual(['red', 'yellow']);
  });

  it('renders HTML with ECharts SVG charts (one per action, one of cards), and CSV tables', () => {
    const html = renderBulletinHtml(bulletin);
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).not.toContain('No referral figures');
    // Actions in plan order: action 2 (agri) first, then action 5.
    expect(renderIndicatorsCsv(bulletin).split('\r\n')[2]).toBe(
      '5,农村假冒伪劣食品治理行动,amr,市场监管局,a5-rural-shops-standard,农村食品经营店规范化率,%,不低于,达到,30,首次调度,54.93,40,14.93,是,',
    );
    expect(renderUnitsCsv(bulletin).split('\r\n')[0]).toContain('红牌亮牌,红牌摘牌,黄牌亮牌,黄牌摘牌');
  });

  describe('CSV tables in layout 3: Chinese headers, codes beside names, words for codes', () => {
    it('is rendered for bulletins stored in it and, with the same tables, for those made now (layout 4)', () => {
      expect(BULLETIN_LAYOUT).toBe(4);
      expect(REGENERATED_LAYOUTS).toEqual([3, 4]);
    });

    it('heads the indicators table in Chinese, each code beside its name', () => {
      const [header, agri, amr, streets, end] = renderIndicatorsCsv(bulletin).split('\r\n');
      expect(header).toBe(
        '行动编号,行动名称,单位编码,单位名称,指标编码,指标名称,计量单位,达标方向,目标类型,基线,基线来源,目标进度,上报值,差距,是否滞后,目标年份推定说明',
      );
      expect(agri).toBe(
        '2,农药兽药残留治理行动,agri,农业农村局,a2-sampling-pass-rate,抽检合格率,%,不低于,保持,0,无基线，按 0 计,98,99,-1,否,',
      );
      expect(amr.split(',').slice(10)).toEqual(['首次调度', '54.93', '40', '14.93', '是', '']);
      // A count in 项, as the report form asks for it; a unit that reported nothing has no value, not 0.
      expect(streets.split(',').slice(6, 9)).toEqual(['项', '不低于', '达到']);
      expect(end).toBe('');
      const unreported = renderIndicatorsCsv(buildBulletin(inputs({ reports: [] }))).split('\r\n')[1];
      expect(unreported.split(',').slice(12)).toEqual(['', '', '否', '']);
    });

    it('heads the units table in Chinese, the unit code beside its name, a column per card colour', () => {
      const [header, agri, amr] = renderUnitsCsv(bulletin).split('\r\n');
      expect(header).toBe(
        '名次,单位编码,单位名称,达标率（%）,滞后指标数,应报,已报,漏报,新增隐患,销号隐患,逾期隐患,红牌亮牌,红牌摘牌,黄牌亮牌,黄牌摘牌,达到移送标准,已移送,移送率（%）',
      );
      expect(agri).toBe('1,agri,农业农村局,100,0,1,1,0,0,0,0,0,0,0,0,0,0,');
      expect(amr).toBe('2,amr,市场监管局,86.41,1,3,2,1,4,2,1,1,0,2,1,4,3,75');
    });

    it('writes no English header and no English word in a cell but the codes', () => {
      for (const table of [renderIndicatorsCsv(bulletin), renderUnitsCsv(bulletin)]) {
        const [header, ...rows] = table.trimEnd().split('\r\n');
        expect(header).not.toMatch(/[A-Za-z]/);
        const codes = /^(amr|agri|a\d+-[a-z-]+)$/;
        for (const row of rows)
          expect(row.split(',').filter((cell) => /[A-Za-z]/.test(cell) && !codes.test(cell))).toEqual([]);
      }
    });

    it('quotes a field with a comma, a quote or a line break (RFC 4180) and ends every line in CRLF', () => {
      const odd = buildBulletin(inputs({ units: [{ id: 'amr', nameZh: '市场监管局,"城区"\n分局' }] }));
      const indicators = renderIndicatorsCsv(odd);
      expect(indicators).toContain(',amr,"市场监管局,""城区""\n分局",a5-rural-shops-standard,');
      expect(renderUnitsCsv(odd)).toContain('\r\n2,amr,"市场监管局,""城区""\n分局",');
      expect(indicators.endsWith('\r\n')).toBe(true);
      // The only bare line feeds are the ones inside the two quoted names.
      expect(indicators.replace(/\r\n/g, '').match(/\n/g)).toHaveLength(2);
      expect(indicators.replace(/\r\n/g, '')).not.toContain('\r');
    });

    describe('a name Excel would read as a formula (CSV injection)', () => {
      const hostile = (nameZh: string) => {
        const base = inputs();
        return buildBulletin(
          inputs({
            units: [{ id: 'amr', nameZh }, ...base.units.filter((u) => u.id !== 'amr')],
            actions: base.actions.map((a) => ({
              ...a,
              nameZh: a.number === 5 ? '@SUM(1+1)' : a.nameZh,
              indicators: a.indicators.map((i) => ({ ...i, nameZh: `+1-1${i.nameZh}` })),
            })),
          }),
        );
      };

      it.each([
        ['=HYPERLINK("http://x","点此")', `"'=HYPERLINK(""http://x"",""点此"")"`],
        ['-1+2', "'-1+2"],
        ['\t=1+1', "'\t=1+1"],
        ['\r=1+1', `"'\r=1+1"`],
        [' =1+1', "' =1+1"],
        ["'=1+1", "''=1+1"],
      ])('puts a single quote before the text cell %j', (name, cell) => {
        const bulletin = hostile(name);
        const [, , amr] = renderIndicatorsCsv(bulletin).split('\r\n');
        expect(amr).toContain(
          `5,'@SUM(1+1),amr,${cell},a5-rural-shops-standard,'+1-1农村食品经营店规范化率,`,
        );
        expect(renderUnitsCsv(bulletin)).toContain(`\r\n2,amr,${cell},86.41,`);
      });

      it('leaves other texts as they are, and figures as numbers (a negative gap too)', () => {
        const bulletin = hostile("'市场监管局");
        expect(renderUnitsCsv(bulletin)).toContain("\r\n2,amr,'市场监管局,86.41,");
        const agri = renderIndicatorsCsv(bulletin).split('\r\n')[1];
        expect(agri.split(',').slice(9)).toEqual(['0', '无基线，按 0 计', '98', '99', '-1', '否', '']);
      });
    });
  });

  it('names its CSV tables as files for the quarter, in Chinese and in ASCII; what is stored has no byte order mark', () => {
    expect(bulletinCsvFileName('TB-2023-Q1-1', '2023-Q1', 'indicators')).toEqual({
      name: '2023年第一季度通报-指标表.csv',
      ascii: 'TB-2023-Q1-1-indicators.csv',
    });
    expect(bulletinCsvFileName('TB-2024-Q4-1', '2024-Q4', 'units')).toEqual({
      name: '2024年第四季度通报-单位表.csv',
      ascii: 'TB-2024-Q4-1-units.csv',
    });
    // The mark is added when a table is sent: the stored documents are the ones regenerated and compared.
    const rendered = renderBulletin(inputs());
    expect(rendered.indicatorsCsv.startsWith('行动编号,')).toBe(true);
    expect(rendered.unitsCsv.startsWith('名次,')).toBe(true);
  });

  it("gives the document's tables for export: the headers and cells the HTML prints, figures as numbers", () => {
    const html = renderBulletinHtml(bulletin);
    const { indicators, units, cards } = bulletinTables(bulletin);
    for (const table of [indicators, units, cards]) {
      expect(html).toContain(`<tr>${table.header.map((h) => `<th>${h}</th>`).join('')}</tr>`);
      for (const row of table.rows)
        expect(html).toContain(`<tr>${row.map((cell) => `<td>${cell ?? ''}</td>`).join('')}</tr>`);
    }
    expect([indicators.title, units.title, cards.title]).toEqual(['指标进度', '单位排名', '亮牌情况']);
    expect(indicators.rows[1]).toEqual([
      '行动5',
      '市场监管局',
      '农村食品经营店规范化率',
      '30（首次调度）',
      54.93,
      40,
      14.93,
      '滞后',
    ]);
    expect(units.rows.map((row) => row.slice(0, 3))).toEqual([
      [1, '农业农村局', 100],
      [2, '市场监管局', 86.41],
    ]);
    expect(cards.rows).toEqual([['市场监管局', '1/0', '2/1']]);
  });

  describe('a baseline from neither the plan nor the first dispatch', () => {
    // agri's pass rate: no baseline in the plan, no first-dispatch value, though agri reported 99 later.
    const baselineCell = (b: ReturnType<typeof buildBulletin>) =>
      bulletinTables(b).indicators.rows.find((r) => r[1] === '农业农村局')?.[3];

    it('reads as the annual score words it (无基线，按 0 计), not 未报, from layout 4', () => {
      expect(bulletin.indicators[0]).toMatchObject({
        unitId: 'agri',
        baseline: { source: 'none' },
        actual: 99,
      });
      expect(baselineCell(bulletin)).toBe('0（无基线，按 0 计）');
      expect(renderBulletinHtml(bulletin)).toContain('<td>0（无基线，按 0 计）</td>');
    });

    it('reads 未报 in layout 3, as issued', () => {
      const layout3 = buildBulletin(inputs({ layout: 3 }));
      expect(baselineCell(layout3)).toBe('0（未报）');
      expect(renderIndicatorsCsv(layout3).split('\r\n')[1].split(',')[10]).toBe('未报');
    });
  });

  describe('as an official document (GB/T 9704 manner)', () => {
    const html = renderBulletinHtml(bulletin);
    const svgs = html.match(/<svg [\s\S]*?<\/svg>/g) ?? [];
    const texts = (svg = '') => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

    it('has the issuer mark in red, the document number, the title, the addressee and the signature with its date', () => {
      expect(html).toContain('<p class="issuer">县食品安全委员会办公室文件</p>');
      expect(html).toMatch(/\.issuer \{ color: #e00;/);
      expect(html).toContain('<p class="document-no">食安办通〔2023〕1号</p>');
      expect(html).toContain('<h1>关于深化食品安全放心工程建设攻坚行动2023年第一季度工作进展情况的通报</h1>');
      expect(html).toContain('各有关单位：');
      // The cut-off 2023-04-20T00:00Z is 08:00 in Beijing; the period's days in Chinese.
      expect(html).toContain('（2023年1月1日至2023年3月31日）');
      expect(html).toContain('数据截至2023年4月20日 08:00（北京时间）');
      expect(html).toContain('<p class="signature">县食品安全委员会办公室<br>2023年4月20日</p>');
      expect(html).toContain('@page { size: A4; margin: 37mm 26mm 35mm 28mm; }');
      expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    });

    it('says that risk items and cards are counted to the quarter’s end, the rest to the cut-off (layout 4)', () => {
      expect(html).toContain(
        '数据截至2023年4月20日 08:00（北京时间），隐患与亮牌统计至季度末，依据方案第1版、政策版本test。',
      );
    });

    it('dates a cut-off by its day in Beijing, which may be the next UTC day', () => {
      const late = renderBulletinHtml(buildBulletin(inputs({ cutoff: '2023-04-19T16:30:00.000Z' })));
      expect(late).toContain('数据截至2023年4月20日 00:30（北京时间）');
      expect(late).toContain('<br>2023年4月20日</p>');
    });

    it('names units and indicators in Chinese, not by id, in the text, the tables and the charts', () => {
      expect(html).not.toMatch(/>\s*(amr|agri|fso)\b/);
      expect(html).not.toContain('a5-rural-shops-standard');
      expect(html).toContain('<td>市场监管局</td><td>农村食品经营店规范化率</td>');
      expect(html).toContain('本季度指标进度滞后的单位：市场监管局');
      const action5 = texts(svgs[1]);
      expect(action5).toEqual(expect.arrayContaining(['市场监管局', '农村食品经营店规范化率']));
    });

    it('labels each bar with the reported value and draws the target path with a legend', () => {
      const action5 = texts(svgs[1]);
      // Legend entries, then the labels of the two bars: 40 (lagging) and 0.
      expect(action5).toEqual(expect.arrayContaining(['上报值', '目标进度', '40', '0']));
      expect(svgs[1]).toContain('fill="#cf1322"');
      const action2 = texts(svgs[0]);
      expect(action2).toEqual(expect.arrayContaining(['农业农村局', '99']));
      expect(texts(svgs[2])).toEqual(expect.arrayContaining(['红牌', '黄牌', '市场监管局', '2', '1']));
    });

    it('labels a bar without a report 未报', () => {
      const unreported = renderBulletinHtml(buildBulletin(inputs({ reports: [] })));
      const first = unreported.match(/<svg [\s\S]*?<\/svg>/)![0];
      expect(texts(first)).toContain('未报');
    });

    it('says a quarter without cards had none, instead of an empty chart and table', () => {
      const calm = renderBulletinHtml(buildBulletin(inputs({ cards: [] })));
      expect(calm).toContain('<h2>三、亮牌情况</h2>\n<p>本季度无亮牌、摘牌。</p>');
      expect(calm.match(/<svg /g)).toHaveLength(2);
    });

    it("leaves no ECharts instance ids in it: each chart's ids are its own and numbered from 0", () => {
      expect(html).not.toMatch(/zr\d+-/);
      expect(svgs[0]).toMatch(/class="a2-cls-0"/);
      expect(svgs[1]).toMatch(/class="a5-cls-0"/);
    });

    it('renders byte for byte the same when rendered again in the same process', () => {
      // ECharts counts its instances per process: without renaming the second render's ids would differ.
      const again = renderBulletinHtml(buildBulletin(inputs()));
      expect(Buffer.from(again).equals(Buffer.from(html))).toBe(true);
    });
  });

  it("shows each unit's referrals as referred out of the leads that met the threshold", () => {
    const html = renderBulletinHtml(buildBulletin(inputs()));
    expect(html).toContain('<td>3/4</td>');
  });

  it('renders byte for byte the same from the same inputs, also after a round trip through storage', () => {
    const stored = JSON.stringify(inputs());
    const first = renderBulletin(JSON.parse(stored) as BulletinInputs);
    const again = renderBulletin(JSON.parse(stored) as BulletinInputs);
    expect(Buffer.from(again.html).equals(Buffer.from(first.html))).toBe(true);
    expect(again.indicatorsCsv).toBe(first.indicatorsCsv);
    expect(again.unitsCsv).toBe(first.unitsCsv);
    expect(again.htmlSha256).toBe(first.htmlSha256);
  });

  it('raises a lagging-indicator card per lagging unit, about the bulletin', () => {
    const summary = {
      id: 'TB-2023-Q1-1',
      quarter: '2023-Q1',
      cutoff: inputs().cutoff,
      laggingUnits: bulletin.laggingUnits,
    };
    expect(laggingCardTriggers(summary, bulletin)).toEqual([
      {
        key: 'TB-2023-Q1-1:amr:lagging',
        unitId: 'amr',
        subject: { type: 'lagging-indicator', id: 'TB-2023-Q1-1' },
        reason: '2023年第一季度通报（TB-2023-Q1-1）：指标进度滞后',
        context: null,
      },
    ]);
    // Without the rows (inputs of an earlier target model) it cannot say which, and says either.
    expect(laggingCardTriggers(summary, null)[0].reason).toBe(
      '2023年第一季度通报（TB-2023-Q1-1）：指标进度滞后或未报送指标数值',
    );
  });

  it("ramps from the first-dispatch baseline in the campaign's first quarter: 38% in 2022-Q3 is on track", () => {
    const q3 = buildBulletin(
      inputs({
        quarter: { label: '2022-Q3', from: '2022-07-01', to: '2022-09-30' },
        reports: [
          {
            unitId: 'amr',
            actionNo: 5,
            month: '2022-09',
            status: ReportRequestStatus.Submitted,
            values: [
              { indicatorId: 'a5-rural-shops-standard', value: 38 },
              { indicatorId: 'a5-demo-streets', value: 0 },
            ],
          },
        ],
      }),
    );
    // 30 → 50 over the 177 days to 2022-12-31; 2022-09-30 is day 85: 30 + 20 × 85/177 = 39.6.
    expect(q3.indicators.find((r) => r.indicatorId === 'a5-rural-shops-standard')).toMatchObject({
      baseline: { value: 30, source: 'first-dispatch' },
      path: 39.6,
      actual: 38,
      lagging: false,
    });
  });

  it('counts an indicator for the units that answer for it, not for the lead unit', () => {
    const [shops, streets] = PLAN_FIXTURE.actions[0].indicators;
    const named = buildBulletin(
      inputs({
        actions: [
          {
            number: 5,
            nameZh: '农村假冒伪劣食品治理行动',
            leadUnits: ['amr'],
            indicators: [shops, { ...streets, id: 'a5-agri-staff-competent', responsibleUnits: ['agri'] }],
          },
        ],
        reports: [],
      }),
    );
    expect(named.indicators.map((r) => [r.unitId, r.indicatorId])).toEqual([
      ['amr', 'a5-rural-shops-standard'],
      ['agri', 'a5-agri-staff-competent'],
    ]);
  });

  it('shows a target whose year the plan does not give as assumed, with the reason', () => {
    const [shops] = PLAN_FIXTURE.actions[0].indicators;
    const assumed = {
      ...shops,
      targets: [
        {
          mode: 'reach' as const,
          value: 100,
          due: '2024-12-31',
          yearAssumed: true as const,
          assumption: '方案未写年份',
        },
      ],
    };
    const withAssumption = buildBulletin(
      inputs({ actions: [{ number: 7, nameZh: '行动七', leadUnits: ['amr'], indicators: [assumed] }] }),
    );
    expect(withAssumption.indicators[0].yearAssumed).toBe('方案未写年份');
    expect(renderBulletinHtml(withAssumption)).toContain('（目标年份系推定：方案未写年份）');
    expect(renderIndicatorsCsv(withAssumption).split('\r\n')[1]).toMatch(/,方案未写年份$/);
  });

  describe("the bundled plan's assumed target years (action 7), whose reasons it gives in Chinese and English", () => {
    const action7 = bundledPlan().actions.find((a) => a.number === 7)!;
    const withAction7 = (layout: number) =>
      buildBulletin(
        inputs({
          layout,
          actions: [
            { number: 7, nameZh: action7.nameZh, leadUnits: ['amr'], indicators: action7.indicators },
          ],
          reports: [],
        }),
      );
    const english = action7.indicators
      .flatMap((i) => i.targets.map((t) => t.assumption?.split(' / ')[1]))
      .filter((text) => text !== undefined);

    it('prints them in Chinese only from layout 4: rows, HTML and the indicators table', () => {
      const bulletin = withAction7(4);
      const assumed = bulletin.indicators.filter((r) => r.yearAssumed !== null);
      expect(assumed).toHaveLength(4);
      for (const row of assumed) expect(row.yearAssumed).not.toMatch(/[A-Za-z]/);
      expect(assumed[0].yearAssumed).toBe(
        '方案此句未写年份（“食用农产品市场风险分级覆盖率100%。”），按本行动前句“到2024年底”计',
      );
      const html = renderBulletinHtml(bulletin);
      expect(html).toContain(`（目标年份系推定：${assumed[0].yearAssumed}）`);
      for (const text of english) expect(html).not.toContain(text);
      const [header, ...rows] = renderIndicatorsCsv(bulletin).trimEnd().split('\r\n');
      expect(header.split(',').at(-1)).toBe('目标年份推定说明');
      for (const row of rows) expect(row.split(',').at(-1)).not.toMatch(/[A-Za-z]/);
    });

    it('prints them as the plan gives them in layout 3, as it was issued', () => {
      const bulletin = withAction7(3);
      expect(bulletin.indicators.filter((r) => r.yearAssumed?.includes(english[0]))).toHaveLength(4);
    });
  });

  describe('a unit asked for an indicator that reported no value (未报)', () => {
    const contested = buildBulletin(contestedInputs());
    const sentence = (html: string) => html.match(/依据方案第1版、政策版本test。([^<]*)<\/p>/)![1];

    it('lags on it, as a unit that reported too low does, and gets the lagging card', () => {
      expect(contested.indicators.find((r) => r.unitId === 'edu')).toMatchObject({
        actual: null,
        gap: null,
        lagging: true,
      });
      expect(contested.units.find((u) => u.unitId === 'edu')?.laggingIndicators).toBe(1);
      expect(contested.laggingUnits).toEqual(['amr', 'edu']);
      const { laggingUnits } = contested;
      const summary = { id: 'TB-2023-Q1-1', quarter: '2023-Q1', cutoff: '', laggingUnits };
      // The card says which: amr is behind, edu did not report.
      expect(laggingCardTriggers(summary, contested).map((c) => [c.unitId, c.reason])).toEqual([
        ['amr', '2023年第一季度通报（TB-2023-Q1-1）：指标进度滞后'],
        ['edu', '2023年第一季度通报（TB-2023-Q1-1）：未报送指标数值（未报按滞后计）'],
      ]);
      expect(
        bulletinTables(contested)
          .indicators.rows.find((r) => r[1] === '教育局')
          ?.slice(5),
      ).toEqual(['未报', null, '滞后']);
    });

    it('is named apart from the units behind in the text', () => {
      expect(sentence(renderBulletinHtml(contested))).toBe(
        '本季度指标进度滞后的单位：市场监管局；本季度未报送指标数值的单位：教育局（未报按滞后计），请于下一调度期内整改到位。',
      );
    });

    it("tells a unit's view who is behind and who did not report, as the document's text does (layout 4)", () => {
      const view = unitBulletinView(contested, 'town-a');
      expect(view.catchUpZh).toBe(sentence(renderBulletinHtml(contested)));
      expect(view.catchUpZh).toBe(
        '本季度指标进度滞后的单位：市场监管局；本季度未报送指标数值的单位：教育局（未报按滞后计），请于下一调度期内整改到位。',
      );
      expect(unitBulletinView(buildBulletin(contestedInputs({ layout: 3 })), 'town-a')).not.toHaveProperty(
        'catchUpZh',
      );
    });

    it('makes a quarter in which nobody reported one of lagging units, not one without lag', () => {
      const silent = buildBulletin(
        contestedInputs({
          reports: contestedInputs().reports.map((r) => ({
            ...r,
            status: ReportRequestStatus.Missed,
            values: null,
          })),
        }),
      );
      expect(silent.laggingUnits).toEqual(['agri', 'amr', 'edu', 'health']);
      expect(sentence(renderBulletinHtml(silent))).toBe(
        '本季度未报送指标数值的单位：农业农村局、市场监管局、教育局、卫生健康委（未报按滞后计），请于下一调度期内整改到位。',
      );
    });

    it('says on the card a unit both behind and silent, and only behind where 未报 does not lag', () => {
      const [february] = inputs().reports;
      const partly = (unreportedLags: boolean) =>
        buildBulletin(
          inputs({
            lagging: { percentPoints: 10, countShare: 0.2, unreportedLags },
            reports: [{ ...february, values: [{ indicatorId: 'a5-rural-shops-standard', value: 40 }] }],
          }),
        );
      const reasons = (b: ReturnType<typeof buildBulletin>) =>
        laggingCardTriggers(
          { id: 'TB-2023-Q1-1', quarter: '2023-Q1', cutoff: '', laggingUnits: b.laggingUnits },
          b,
        ).map((c) => [c.unitId, c.reason]);
      expect(reasons(partly(true))).toEqual([
        ['amr', '2023年第一季度通报（TB-2023-Q1-1）：指标进度滞后，并有指标未报送数值（未报按滞后计）'],
      ]);
      expect(reasons(partly(false))).toEqual([['amr', '2023年第一季度通报（TB-2023-Q1-1）：指标进度滞后']]);
    });

    it('does not lag where the policy says so, and is still named', () => {
      const lenient = buildBulletin(
        contestedInputs({ lagging: { percentPoints: 10, countShare: 0.2, unreportedLags: false } }),
      );
      expect(lenient.laggingUnits).toEqual(['amr']);
      expect(sentence(renderBulletinHtml(lenient))).toBe(
        '本季度指标进度滞后的单位：市场监管局；本季度未报送指标数值的单位：教育局，请于下一调度期内整改到位。',
      );
    });

    it('is held only to the indicators its requests asked for, once they are due', () => {
      const ofEdu = (reports: BulletinInputs['reports']) =>
        buildBulletin(contestedInputs({ reports: [...contestedInputs().reports.slice(0, -1), ...reports] }));
      const eduRequest = contestedInputs().reports.at(-1)!;
      // A request of a plan version before the indicator was added asked for something else.
      const before = ofEdu([{ ...eduRequest, indicatorIds: ['a2-older-indicator'] }]);
      // A request still open (within its 5 working days) has not failed yet.
      const open = ofEdu([{ ...eduRequest, status: ReportRequestStatus.Open }]);
      for (const bulletin of [before, open]) {
        expect(bulletin.laggingUnits).toEqual(['amr']);
        expect(bulletin.unreportedUnits).toEqual([]);
        // Not held to anything, edu has no attainment of 0 to be ranked on.
        expect(bulletin.units.find((u) => u.unitId === 'edu')).toMatchObject({
          attainment: null,
          rank: null,
        });
      }
    });

    it('is not a unit that was never asked: no request, no lag', () => {
      const unasked = buildBulletin(inputs({ reports: [] }));
      expect(unasked.laggingUnits).toEqual([]);
      expect(renderBulletinHtml(unasked)).toContain('本季度各单位指标进度均未滞后。');
    });
  });

  describe('ranking: ties share a rank, a unit with no indicator is not ranked', () => {
    const contested = buildBulletin(contestedInputs());

    it('gives units tied on attainment, missed reports and cards one rank (1, 1, 3), and none to a unit without indicators, listed last', () => {
      expect(contested.units.map((u) => [u.rank, u.unitId, u.attainment])).toEqual([
        [1, 'agri', 100],
        [1, 'health', 100],
        [3, 'amr', 86.41],
        [4, 'edu', 0],
        [null, 'town-a', null],
      ]);
    });

    it('ties only on exactly the figures the ranking sorts by: a missed report more breaks it', () => {
      const base = contestedInputs();
      const missed = {
        ...base.reports[4],
        month: '2023-02',
        status: ReportRequestStatus.Missed,
        values: null,
      };
      const broken = buildBulletin(contestedInputs({ reports: [...base.reports, missed] }));
      expect(broken.units.map((u) => [u.rank, u.unitId])).toEqual([
        [1, 'agri'],
        [2, 'health'],
        [3, 'amr'],
        [4, 'edu'],
        [null, 'town-a'],
      ]);
    });

    it('writes a tie as 并列 and an unranked unit as 不参与排名 in the document, and leaves 名次 empty in the CSV', () => {
      const units = bulletinTables(contested).units.rows.map((r) => r.slice(0, 2));
      expect(units).toEqual([
        ['1（并列）', '农业农村局'],
        ['1（并列）', '卫生健康委'],
        [3, '市场监管局'],
        [4, '教育局'],
        ['不参与排名', '城关镇'],
      ]);
      expect(renderBulletinHtml(contested)).toContain('<tr><td>不参与排名</td><td>城关镇</td>');
      const csv = renderUnitsCsv(contested).trimEnd().split('\r\n').slice(1);
      expect(csv.map((line) => line.split(',').slice(0, 2))).toEqual([
        ['1', 'agri'],
        ['1', 'health'],
        ['3', 'amr'],
        ['4', 'edu'],
        ['', 'town-a'],
      ]);
    });

    it("shows a unit's view its rank, null where it has none", () => {
      expect(unitBulletinView(contested, 'town-a').own?.rank).toBeNull();
      expect(unitBulletinView(contested, 'health').ranking.map((r) => r.rank)).toEqual([1, 1, 3, 4, null]);
    });
  });

  describe('a bulletin stored in layout 3 renders as it was issued', () => {
    // What the code of layout 3 (commit d94f175) rendered from these inputs: its documents, its tables
    // and a unit's view. Later layouts change none of it; `regenerate` compares layout 3 byte for byte.
    const ISSUED = {
      html: 'be8815dfa5c7481ec02e9ee118a034cb528b598384c3b4ceae9bcc8a16c27198',
      indicatorsCsv: 'de064d13bd86a067c515f5eec0fc4789ff8cbea6e36cb8b418acd13c77d2876d',
      unitsCsv: 'b211096953770e928069aab0351f6e4500786c0bb9a880344e08262768d28f41',
      tables: '387b7fe90468be08c3f655ffa39db32b711636fe0ead00f4beba17490bd77e13',
      eduView: 'e3ca3ef2fb48084022687e8905d1960944fd2b62f3f97e78e91911a064ce640d',
    };
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
    // Stored inputs of layout 3: ties, a unit that reported nothing, one with no indicator.
    const stored = (): BulletinInputs =>
      JSON.parse(
        JSON.stringify(contestedInputs({ layout: 3, lagging: { percentPoints: 10, countShare: 0.2 } })),
      ) as BulletinInputs;

    it('renders its documents byte for byte as issued', () => {
      const again = renderBulletin(stored());
      expect({
        html: sha256(again.html),
        indicatorsCsv: sha256(again.indicatorsCsv),
        unitsCsv: sha256(again.unitsCsv),
      }).toEqual({ html: ISSUED.html, indicatorsCsv: ISSUED.indicatorsCsv, unitsCsv: ISSUED.unitsCsv });
    });

    it('gives the tables and a unit’s view as before', () => {
      const bulletin = buildBulletin(stored());
      expect(sha256(JSON.stringify(bulletinTables(bulletin)))).toBe(ISSUED.tables);
      expect(sha256(JSON.stringify(unitBulletinView(bulletin, 'edu')))).toBe(ISSUED.eduView);
    });
  });

  it('escapes text from the data', () => {
    const html = renderBulletinHtml(
      buildBulletin(inputs({ units: [{ id: 'amr', nameZh: '<script>x</script>' }] })),
    );
    expect(html).not.toContain('<script>');
  });
});
