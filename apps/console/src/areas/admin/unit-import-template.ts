// `.js` suffixes: the unit tests (Node's ESM resolution) import this file to read the template back.
import { UNIT_IMPORT_COLUMNS, UNIT_KIND_ZH } from '../../format.js';

/** The template's file name, as the office will find it in its downloads. */
export const UNIT_IMPORT_TEMPLATE_NAME = '单位导入模板.csv';

/**
 * Example lines of the template, one per column of UNIT_IMPORT_COLUMNS: a township with an English
 * name, a 街道 without one, and a county department at the top of the tree. Kinds as the console names
 * them (UNIT_KIND_ZH), active as 是/否: what an office writes in its own list.
 */
const EXAMPLES: ReadonlyArray<Record<keyof typeof UNIT_IMPORT_COLUMNS, string>> = [
  {
    id: 'township-xiaodong',
    nameZh: '小董乡',
    nameEn: 'Xiaodong Township',
    kind: UNIT_KIND_ZH.township,
    parentId: 'gov',
    active: '是',
  },
  {
    id: 'street-dongcheng',
    nameZh: '东城街道',
    nameEn: '',
    kind: UNIT_KIND_ZH.township,
    parentId: 'gov',
    active: '是',
  },
  {
    id: 'emergency',
    nameZh: '应急管理局',
    nameEn: '',
    kind: UNIT_KIND_ZH.county_department,
    parentId: '',
    active: '是',
  },
];

/**
 * The import template (下载模板): a UTF-8 byte order mark, so that Excel on a Chinese Windows opens it as
 * UTF-8 and not as GBK; the Chinese header; the examples. Lines end in CRLF, as Excel writes them.
 */
export function unitImportTemplate(): string {
  const fields = Object.keys(UNIT_IMPORT_COLUMNS) as Array<keyof typeof UNIT_IMPORT_COLUMNS>;
  const header = fields.map((field) => UNIT_IMPORT_COLUMNS[field][0]);
  const lines = [header, ...EXAMPLES.map((example) => fields.map((field) => example[field]))];
  return `\uFEFF${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}
