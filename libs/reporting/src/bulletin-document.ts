import { createHash } from 'node:crypto';
import { buildBulletin, type BulletinInputs } from './domain/bulletin.js';
import { renderIndicatorsCsv, renderUnitsCsv } from './domain/bulletin-csv.js';
import { renderBulletinHtml } from './domain/bulletin-render.js';

/** A bulletin as rendered from its inputs: the same inputs always give the same bytes (and hash). */
export function renderBulletin(inputs: BulletinInputs) {
  const bulletin = buildBulletin(inputs);
  const html = renderBulletinHtml(bulletin);
  return {
    bulletin,
    html,
    indicatorsCsv: renderIndicatorsCsv(bulletin),
    unitsCsv: renderUnitsCsv(bulletin),
    htmlSha256: createHash('sha256').update(html).digest('hex'),
  };
}
