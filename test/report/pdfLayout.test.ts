/**
 * The page-fill and split measures of scripts/pdfLayout.ts on hand-made PDFs: a page's fill is
 * how far down its content area (between the report's 20 mm and 18 mm margins) the lowest mark
 * reaches; white fills (the page background) and the running header and footer do not count.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { markerColor, pdfLayout, reportMargins, splitBlocks, underfilledPages } from '../../scripts/pdfLayout.js';

/** A PDF of Letter pages with the given content streams (the first compressed, as Chromium's are). */
function pdf(pages: string[], dests = ''): Buffer {
  const objs: string[] = [];
  const pageRefs = pages.map((_, i) => `${10 + 2 * i} 0 R`).join(' ');
  objs.push(`1 0 obj\n<</Type /Catalog\n/Pages 2 0 R\n/Dests 3 0 R>>\nendobj\n`);
  objs.push(`2 0 obj\n<</Type /Pages\n/Count ${pages.length}\n/Kids [${pageRefs}]>>\nendobj\n`);
  objs.push(`3 0 obj\n<<${dests}>>\nendobj\n`);
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n'), ...objs.map((o) => Buffer.from(o, 'latin1'))];
  pages.forEach((content, i) => {
    const n = 10 + 2 * i;
    parts.push(Buffer.from(`${n} 0 obj\n<</Type /Page\n/MediaBox [0 0 612 792]\n/Contents ${n + 1} 0 R\n/Parent 2 0 R>>\nendobj\n`, 'latin1'));
    const body = i === 0 ? deflateSync(Buffer.from(content, 'latin1')) : Buffer.from(content, 'latin1');
    parts.push(Buffer.from(`${n + 1} 0 obj\n<<${i === 0 ? '/Filter /FlateDecode\n' : ''}/Length ${body.length}>> stream\n`, 'latin1'), body, Buffer.from('\nendstream\nendobj\n'));
  });
  return Buffer.concat(parts);
}

// the content area in PDF points: from 792 - 20 mm to 18 mm
const top = 792 - (reportMargins.top * 72) / 96;
const bottom = (reportMargins.bottom * 72) / 96;

describe('pdfLayout', () => {
  it('fill: the lowest text or non-white fill between the margins, through cm and Td', () => {
    const layout = pdfLayout(
      pdf(
        [
          // white page background, a header line at y = 770 (in the margin), text at 400 through a translation
          '1 1 1 rg 0 0 612 792 re f 0 0 0 rg BT /F1 9 Tf 1 0 0 1 40 770 Tm (h) Tj ET q 1 0 0 1 0 100 cm BT 1 0 0 1 50 250 Tm (x) Tj 0 50 Td (y) Tj ET Q',
          // a filled grey rectangle whose bottom edge is at y = 600, and a footer at 20
          '.5 .5 .5 rg 40 600 100 50 re f BT 1 0 0 1 40 20 Tm (p) Tj ET',
          '',
        ],
        '/summary [10 0 R /XYZ 0 700 0]\n/data [12 0 R /XYZ 0 792 0]',
      ),
    );
    expect(layout.size).toEqual([612, 792]);
    // page 1: the lowest mark is "x" at 250 + 100 = 350 ("y" is at 400)
    expect(layout.pages[0].fill).toBeCloseTo((top - 350) / (top - bottom), 9);
    expect(layout.pages[1].fill).toBeCloseTo((top - 600) / (top - bottom), 9);
    expect(layout.pages[2].fill).toBe(0);
    expect(layout.pages[0].anchors.map((a) => a.id)).toEqual(['summary']);
    expect(layout.pages[1].anchors.map((a) => a.id)).toEqual(['data']);
    // page 1 (56%) is the last of the summary (data starts page 2); page 2 (20%) is short inside data; page 3 is the last
    expect(underfilledPages(layout, ['summary', 'data'], 0.3).map((p) => p.page)).toEqual([2]);
    expect(underfilledPages(layout, ['summary', 'data'], 0.6).map((p) => p.page)).toEqual([2]);
    expect(underfilledPages(layout, [], 0.6).map((p) => p.page)).toEqual([1, 2]);
  });

  it('splitBlocks: a block whose start and end markers are painted on different pages', () => {
    const paint = (c: number[]) => `${c.map((x) => x / 255).join(' ')} rg 10 500 2 2 re f`;
    const layout = pdfLayout(pdf([`${paint(markerColor(0, false))} ${paint(markerColor(0, true))} ${paint(markerColor(1, false))}`, paint(markerColor(1, true))]));
    expect(splitBlocks(layout, 2)).toEqual([[1, 1, 2]]);
    expect(splitBlocks(layout, 3)).toEqual([
      [1, 1, 2],
      [2, 0, 0],
    ]);
  });
});
