import { saveFile } from './save-file';

/** A column of an exported sheet. */
export interface SheetColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | null;
}

/** One sheet of a workbook: its name (Excel allows 31 characters), header row and rows of cells. */
export interface Sheet {
  name: string;
  header: string[];
  widths?: number[];
  rows: Array<Array<string | number | null>>;
}

/**
 * Saves rows as an .xlsx file. exceljs is loaded on first use only, so no page pays for it until
 * someone exports.
 */
export async function exportToExcel<T>(
  fileName: string,
  sheetName: string,
  columns: SheetColumn<T>[],
  rows: T[],
) {
  await exportWorkbook(fileName, [
    {
      name: sheetName,
      header: columns.map((column) => column.header),
      widths: columns.map((column) => column.width ?? 16),
      rows: rows.map((row) => columns.map((column) => column.value(row))),
    },
  ]);
}

/** Saves sheets as one .xlsx file, each with a bold header row. */
export async function exportWorkbook(fileName: string, sheets: Sheet[]) {
  const module = await import('exceljs');
  const { Workbook } = (module as unknown as { default?: typeof module }).default ?? module;
  const workbook = new Workbook();
  for (const { name, header, widths, rows } of sheets) {
    const sheet = workbook.addWorksheet(name);
    sheet.columns = header.map((text, i) => ({ header: text, width: widths?.[i] ?? 16 }));
    for (const row of rows) sheet.addRow(row);
    sheet.getRow(1).font = { bold: true };
  }
  const buffer = await workbook.xlsx.writeBuffer();
  saveFile(
    fileName,
    new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
  );
}
