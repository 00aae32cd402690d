// Reads the first rows of the chosen spreadsheet in the browser, so that when the server
// cannot match the columns (400 meta.mapping.*) the user can still pick the header texts
// from a list. The server stays the judge of every row; this is only for the pickers.
// XLSX: the ZIP's central directory, deflate-raw via DecompressionStream, the first sheet
// of the workbook and its shared strings. CSV: UTF-8, else GB18030.

export type SheetRows = string[][]

const MAX_ROWS = 10

/** RFC 4180 rows (quoted cells may hold commas, quotes and line breaks). */
export function parseCsv(text: string, maxRows = Infinity): SheetRows {
  const out: SheetRows = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  for (let i = 0; i < text.length && out.length < maxRows; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"' && cell === '') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(cell)
      out.push(row)
      row = []
      cell = ''
    } else cell += ch
  }
  if ((cell !== '' || row.length) && out.length < maxRows) {
    row.push(cell)
    out.push(row)
  }
  return out
}

/** UTF-8 if the bytes are valid UTF-8, else GB18030 (what Chinese Excel saves). */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}

interface ZipEntry {
  method: number
  size: number
  offset: number
}

function zipEntries(buf: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  let eocd = -1
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--)
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i
      break
    }
  if (eocd < 0) throw new Error('not a zip')
  const count = view.getUint16(eocd + 10, true)
  let p = view.getUint32(eocd + 16, true)
  const names = new TextDecoder()
  const out = new Map<string, ZipEntry>()
  for (let n = 0; n < count; n++) {
    if (view.getUint32(p, true) !== 0x02014b50) throw new Error('bad central directory')
    const method = view.getUint16(p + 10, true)
    const size = view.getUint32(p + 20, true)
    const nameLen = view.getUint16(p + 28, true)
    const extraLen = view.getUint16(p + 30, true)
    const commentLen = view.getUint16(p + 32, true)
    const local = view.getUint32(p + 42, true)
    const name = names.decode(buf.subarray(p + 46, p + 46 + nameLen))
    const lName = view.getUint16(local + 26, true)
    const lExtra = view.getUint16(local + 28, true)
    out.set(name, { method, size, offset: local + 30 + lName + lExtra })
    p += 46 + nameLen + extraLen + commentLen
  }
  return out
}

async function inflate(buf: Uint8Array, e: ZipEntry): Promise<string> {
  const data = buf.slice(e.offset, e.offset + e.size)
  if (e.method === 0) return new TextDecoder().decode(data)
  if (e.method !== 8) throw new Error('unsupported compression')
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'))
  return new Response(stream).text()
}

function xml(text: string): Document {
  return new DOMParser().parseFromString(text, 'application/xml')
}

/** "AB12" → 27 (0-based column index). */
function colIndex(ref: string): number {
  let n = 0
  for (const ch of ref) {
    const c = ch.charCodeAt(0)
    if (c < 65 || c > 90) break
    n = n * 26 + (c - 64)
  }
  return n - 1
}

const texts = (el: Element) =>
  Array.from(el.getElementsByTagName('t'))
    .map((t) => t.textContent ?? '')
    .join('')

async function readXlsx(buf: Uint8Array): Promise<SheetRows> {
  const zip = zipEntries(buf)
  const read = async (name: string) => {
    const e = zip.get(name)
    return e ? inflate(buf, e) : null
  }
  // The first sheet of the workbook (its relationship target), else sheet1.xml.
  let sheetPath = 'xl/worksheets/sheet1.xml'
  const wb = await read('xl/workbook.xml')
  const rels = await read('xl/_rels/workbook.xml.rels')
  if (wb && rels) {
    const first = xml(wb).getElementsByTagName('sheet')[0]
    const rid = first?.getAttribute('r:id') ?? first?.getAttributeNS('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'id')
    for (const r of Array.from(xml(rels).getElementsByTagName('Relationship')))
      if (r.getAttribute('Id') === rid) {
        const target = r.getAttribute('Target') ?? ''
        sheetPath = target.startsWith('/') ? target.slice(1) : 'xl/' + target
      }
  }
  const sheet = await read(sheetPath)
  if (!sheet) throw new Error('no sheet')
  const sharedXml = await read('xl/sharedStrings.xml')
  const shared = sharedXml ? Array.from(xml(sharedXml).getElementsByTagName('si')).map(texts) : []
  const out: SheetRows = []
  for (const row of Array.from(xml(sheet).getElementsByTagName('row'))) {
    const r = Number(row.getAttribute('r') || out.length + 1)
    if (r > MAX_ROWS) break
    while (out.length < r - 1) out.push([])
    const cells: string[] = []
    for (const c of Array.from(row.getElementsByTagName('c'))) {
      const ref = c.getAttribute('r')
      const i = ref ? colIndex(ref) : cells.length
      const type = c.getAttribute('t')
      const v = c.getElementsByTagName('v')[0]?.textContent ?? ''
      let value = v
      if (type === 's') value = shared[Number(v)] ?? ''
      else if (type === 'inlineStr') value = texts(c)
      while (cells.length < i) cells.push('')
      cells[i] = value
    }
    out.push(cells)
  }
  return out
}

/** The blob's bytes (FileReader where Blob.arrayBuffer is missing, as in jsdom). */
function readBytes(blob: Blob): Promise<Uint8Array> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer().then((b) => new Uint8Array(b))
  return new Promise((resolve, reject) => {
    const r = new FileReader()
    r.onload = () => resolve(new Uint8Array(r.result as ArrayBuffer))
    r.onerror = () => reject(r.error)
    r.readAsArrayBuffer(blob)
  })
}

const isZip = (b: Uint8Array) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04

/** The first rows of the file (cells trimmed), or null when it cannot be read here. */
export async function sniffRows(file: Blob): Promise<SheetRows | null> {
  try {
    const buf = await readBytes(file)
    const rows = isZip(buf) ? await readXlsx(buf) : parseCsv(decodeText(buf.subarray(0, 256 * 1024)), MAX_ROWS)
    return rows.slice(0, MAX_ROWS).map((r) => r.map((c) => c.trim()))
  } catch {
    return null
  }
}

/** Header texts of one (1-based) row, without blanks and duplicates. */
export function headerOptions(rows: SheetRows | null, row: number): string[] {
  const cells = rows?.[row - 1] ?? []
  return [...new Set(cells.filter((c) => c !== ''))]
}
