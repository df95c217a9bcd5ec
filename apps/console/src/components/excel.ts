/** A column of an exported sheet. */
export interface SheetColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | null;
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
  const module = await import('exceljs');
  const { Workbook } = (module as unknown as { default?: typeof module }).default ?? module;
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((column) => ({ header: column.header, width: column.width ?? 16 }));
  for (const row of rows) sheet.addRow(columns.map((column) => column.value(row)));
  sheet.getRow(1).font = { bold: true };
  const buffer = await workbook.xlsx.writeBuffer();
  const url = URL.createObjectURL(
    new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}
