/**
 * How full each page of a printed report is: reads the PDF Chromium writes (Skia), decodes
 * each page's content stream (FlateDecode), follows the graphics state (q/Q, cm) and the text
 * matrices (BT, Tm, Td, TD, T*), and records where text is shown and where a path, rectangle
 * or image is painted in a colour other than white (the page background is a white rectangle).
 * A page's fill is how far down its content area the lowest mark reaches:
 *
 *   fill = (lowest mark - top of the content area) / (height of the content area)
 *
 * marks in the top and bottom margins (the running header and the page numbers) left out.
 * The named destinations Chromium writes for the link targets (`/Dests`: the table of contents'
 * sections) give the page each section starts on (their offset within the page is not reliable),
 * so a page can be told as the last page of a section (the next page starts one). Used by the
 * report's browser test and by npm run report:sample. Whether a block is split across pages is
 * told by colour markers (splitBlocks): where a colour is painted is where the block is.
 */
import { inflateSync } from 'node:zlib';

/** One page: its fill and the section ids (element ids) that start on it. */
export interface PageLayout {
  /** 1-based. */
  page: number;
  /** 0 (empty) to 1 (content down to the bottom margin). */
  fill: number;
  /** Colours areas are filled with on the page ("r,g,b", 0-255): markers of a test find their page by them. */
  colors: Set<string>;
  /** Link targets whose destination is on this page, with their (approximate) distance from the page top (CSS px). */
  anchors: { id: string; top: number }[];
}

export interface PdfLayout {
  pages: PageLayout[];
  /** Page width and height in PDF points. */
  size: [number, number];
}

/** Page margins of the report's @page rule, in CSS px (96 per inch): 20 mm top, 18 mm bottom. */
export const reportMargins = { top: (20 / 25.4) * 96, bottom: (18 / 25.4) * 96 };

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

/** The indirect objects of a PDF by number (streams kept raw). */
function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index + m[0].length;
    const streamAt = text.indexOf('stream', start);
    const endAt = text.indexOf('endobj', start);
    if (streamAt !== -1 && streamAt < endAt) {
      const dict = text.slice(start, streamAt);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? 0);
      let from = streamAt + 'stream'.length;
      if (text[from] === '\r') from++;
      if (text[from] === '\n') from++;
      out.set(Number(m[1]), { dict, stream: pdf.subarray(from, from + length) });
      re.lastIndex = from + length;
    } else {
      out.set(Number(m[1]), { dict: text.slice(start, endAt) });
      re.lastIndex = endAt;
    }
  }
  return out;
}

const refs = (s: string): number[] => [...s.matchAll(/(\d+) 0 R/g)].map((x) => Number(x[1]));

/** Page object numbers in document order (the /Pages tree). */
function pageOrder(objs: Map<number, PdfObject>): number[] {
  const catalog = [...objs.values()].find((o) => /\/Type\s*\/Catalog/.test(o.dict));
  const root = Number(/\/Pages (\d+) 0 R/.exec(catalog?.dict ?? '')?.[1]);
  const walk = (n: number): number[] => {
    const o = objs.get(n);
    if (!o) return [];
    if (/\/Type\s*\/Pages/.test(o.dict)) return refs(/\/Kids\s*\[([^\]]*)\]/.exec(o.dict)?.[1] ?? '').flatMap(walk);
    return [n];
  };
  return walk(root);
}

type Matrix = [number, number, number, number, number, number];
const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/**
 * The y (PDF points, up from the bottom) of every mark a content stream paints, and the fill
 * colours it paints with (as "r,g,b" in 0-255).
 */
function marks(content: string): { ys: number[]; colors: Set<string> } {
  const tokens = content.match(/\[|\]|<[^>]*>|\((?:\\.|[^\\)])*\)|\/[^\s/[\]()<>]+|[^\s/[\]()<>]+/g) ?? [];
  const ys: number[] = [];
  const colors = new Set<string>();
  let fill = '0,0,0';
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: { ctm: Matrix; fillWhite: boolean; strokeWhite: boolean; fill: string }[] = [];
  let tm: Matrix = [1, 0, 0, 1, 0, 0];
  let tlm: Matrix = [1, 0, 0, 1, 0, 0];
  let leading = 0;
  let fillWhite = false;
  let strokeWhite = false;
  let path: [number, number][] = [];
  const operands: number[] = [];
  const white = (v: number[]) => v.length > 0 && v.every((x) => x >= 0.999);
  const mark = (m: Matrix, x: number, y: number) => ys.push(apply(m, x, y)[1]);
  for (const t of tokens) {
    if (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) {
      operands.push(Number(t));
      continue;
    }
    const o = operands.splice(0);
    switch (t) {
      case 'q':
        stack.push({ ctm, fillWhite, strokeWhite, fill });
        break;
      case 'Q': {
        const s = stack.pop();
        if (s) ({ ctm, fillWhite, strokeWhite, fill } = s);
        break;
      }
      case 'cm':
        ctm = mul(o.slice(-6) as Matrix, ctm);
        break;
      case 'rg':
      case 'g':
      case 'k':
      case 'sc':
      case 'scn':
        fillWhite = t === 'k' ? o.every((x) => x <= 0.001) : white(o);
        if (t === 'rg' || (t !== 'g' && t !== 'k' && o.length === 3)) fill = o.map((x) => Math.round(x * 255)).join(',');
        break;
      case 'RG':
      case 'G':
      case 'K':
      case 'SC':
      case 'SCN':
        strokeWhite = t === 'K' ? o.every((x) => x <= 0.001) : white(o);
        break;
      case 'BT':
        tm = [1, 0, 0, 1, 0, 0];
        tlm = tm;
        break;
      case 'Tm':
        tm = o.slice(-6) as Matrix;
        tlm = tm;
        break;
      case 'Td':
      case 'TD':
        if (t === 'TD') leading = -o[1];
        tlm = mul([1, 0, 0, 1, o[0], o[1]], tlm);
        tm = tlm;
        break;
      case 'TL':
        leading = o[0];
        break;
      case 'T*':
      case "'":
      case '"':
        tlm = mul([1, 0, 0, 1, 0, -leading], tlm);
        tm = tlm;
        mark(mul(tm, ctm), 0, 0);
        break;
      case 'Tj':
      case 'TJ':
        mark(mul(tm, ctm), 0, 0);
        break;
      case 'm':
      case 'l':
        path.push([o[0], o[1]]);
        break;
      case 'c':
        path.push([o[4], o[5]]);
        break;
      case 'v':
      case 'y':
        path.push([o[2], o[3]]);
        break;
      case 're':
        path.push([o[0], o[1]], [o[0] + o[2], o[1] + o[3]]);
        break;
      case 'f':
      case 'F':
      case 'f*':
      case 'B':
      case 'B*':
      case 'b':
      case 'b*':
      case 'S':
      case 's': {
        const stroke = t === 'S' || t === 's';
        if (!stroke) colors.add(fill);
        if (!(stroke ? strokeWhite : fillWhite)) for (const [x, y] of path) mark(ctm, x, y);
        path = [];
        break;
      }
      case 'n':
        path = [];
        break;
      case 'Do':
        mark(ctm, 0, 0);
        mark(ctm, 1, 1);
        break;
      default:
        break;
    }
  }
  return { ys, colors };
}

/**
 * The layout of a PDF: per page its fill (marks between the margins) and the element ids that
 * start on it. `margins` in CSS px (default: the report's @page margins).
 */
export function pdfLayout(pdf: Buffer, margins = reportMargins): PdfLayout {
  const objs = objects(pdf);
  const pages = pageOrder(objs);
  const index = new Map(pages.map((n, i) => [n, i]));
  const first = objs.get(pages[0])?.dict ?? '';
  const box = (/\/MediaBox\s*\[([^\]]*)\]/.exec(first)?.[1] ?? '0 0 612 792').trim().split(/\s+/).map(Number);
  const [width, height] = [box[2] - box[0], box[3] - box[1]];
  const pt = 72 / 96; // points per CSS px
  const top = height - margins.top * pt;
  const bottom = margins.bottom * pt;
  const anchors: PageLayout['anchors'][] = pages.map(() => []);
  const catalog = [...objs.values()].find((o) => /\/Type\s*\/Catalog/.test(o.dict));
  const destsRef = Number(/\/Dests (\d+) 0 R/.exec(catalog?.dict ?? '')?.[1]);
  const dests = objs.get(destsRef)?.dict ?? '';
  for (const m of dests.matchAll(/\/([\w-]+)\s*\[(\d+) 0 R \/XYZ [-\d.]+ ([-\d.]+)/g)) {
    const p = index.get(Number(m[2]));
    if (p !== undefined) anchors[p].push({ id: m[1], top: (height - Number(m[3])) / pt });
  }
  return {
    size: [width, height],
    pages: pages.map((n, i) => {
      const o = objs.get(n)!;
      const contents = refs(/\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(o.dict)?.[1] ?? '');
      const text = contents
        .map((c) => {
          const s = objs.get(c);
          if (!s?.stream) return '';
          return (/FlateDecode/.test(s.dict) ? inflateSync(s.stream) : s.stream).toString('latin1');
        })
        .join('\n');
      const painted = marks(text);
      const inside = painted.ys.filter((y) => y <= top + 0.5 && y >= bottom - 0.5);
      const lowest = inside.length ? Math.min(...inside) : top;
      return { page: i + 1, fill: Math.max(0, Math.min(1, (top - lowest) / (top - bottom))), colors: painted.colors, anchors: anchors[i].sort((a, b) => a.top - b.top) };
    }),
  };
}

/**
 * Pages under `minimum` fill that are not the last page of a section: the last page of the
 * document, or a page followed by one where one of `sections` starts, may be short.
 */
export function underfilledPages(layout: PdfLayout, sections: readonly string[], minimum = 0.3): PageLayout[] {
  const ids = new Set(sections);
  const startsSection = (p: PageLayout | undefined) => p !== undefined && p.anchors.some((a) => ids.has(a.id));
  return layout.pages.filter((p, i) => p.fill < minimum && i < layout.pages.length - 1 && !startsSection(layout.pages[i + 1]));
}

/** The colour of block i's start (end) marker: rgb(250, i mod 256, 1 + 2 * floor(i / 256) (+ 1 for the end)). */
export function markerColor(i: number, end: boolean): [number, number, number] {
  return [250, i % 256, 1 + 2 * Math.floor(i / 256) + (end ? 1 : 0)];
}

/**
 * Blocks (of `count` marked with markerColor at their first and last cell) whose start and end
 * markers are painted on different pages, or not at all: [block, start page, end page].
 */
export function splitBlocks(layout: PdfLayout, count: number): [number, number, number][] {
  const pageOf = (c: [number, number, number]) => layout.pages.find((p) => p.colors.has(c.join(',')))?.page ?? 0;
  const out: [number, number, number][] = [];
  for (let i = 0; i < count; i++) {
    const s = pageOf(markerColor(i, false));
    const e = pageOf(markerColor(i, true));
    if (s === 0 || s !== e) out.push([i, s, e]);
  }
  return out;
}
