// Hostile letters: an encrypted PDF, a PDF at the 20 MiB cap, Word files that are zip bombs, a letter with
// 10,000 numbers, deep MIME nesting, a named pipe, escape sequences. Each is a clear error or a bounded
// answer (timings are measured apart, not asserted: see the report in README "From an offer letter").
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { assembleExtraction, readLetterIdentity } from '../src/letters/extract.js';
import { checkWordArchive, ZipProblem } from '../src/letters/zip.js';
import { FIXTURES, runCli, spawnCli } from './helpers.js';
import { RAW_PAYLOAD, unsafeAt } from './hostile/hostile-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'negotiate-hostile-letters-'));
const at = (name: string, bytes: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

/** A zip archive: each entry deflated, or given as raw deflate data with a stated size (which may lie). */
function zip(entries: { name: string; data?: Buffer; deflated?: Buffer; size?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const compressed = e.deflated ?? deflateRawSync(e.data ?? Buffer.alloc(0));
    const size = e.size ?? e.data?.length ?? 0;
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += 30 + name.length + compressed.length;
  }
  const dirBuf = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBuf, end]);
}

/** A one-page PDF whose trailer names a standard security handler: pdfjs asks for a password. */
function encryptedPdf(): Buffer {
  const objects = [
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj',
    `4 0 obj << /Filter /Standard /V 1 /R 2 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> /P -44 >> endobj`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const o of objects) {
    offsets.push(body.length);
    body += `${o}\n`;
  }
  const xref = body.length;
  body += `xref\n0 5\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer << /Size 5 /Root 1 0 R /Encrypt 4 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

describe('hostile letters: clear errors', { timeout: 120_000 }, () => {
  test('an encrypted PDF: exit 3, "encrypted", nothing on stdout', async () => {
    const r = await runCli(['extract', at('locked.pdf', encryptedPdf()), '--json']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/locked\.pdf: cannot be read as a PDF: it is encrypted \(it needs a password\)/);
    expect(r.stdout).toBe('');
  });

  test('a Word file whose document inflates past its limit (a zip bomb): exit 3, refused before the library opens it', async () => {
    // 40 MiB of zeros deflate to ~40 KiB; the archive states the true size, over the 32 MiB limit for one part.
    const honest = zip([
      { name: 'word/document.xml', deflated: deflateRawSync(Buffer.alloc(40 * 1024 * 1024)), size: 40 * 1024 * 1024 },
    ]);
    const r = await runCli(['extract', at('bomb.docx', honest)]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /bomb\.docx: cannot be read as a Word document: word\/document\.xml inflates to 41943040 bytes/,
    );
    // The same data stating a small size (a lie): inflating stops at the stated size.
    const liar = zip([
      { name: 'word/document.xml', deflated: deflateRawSync(Buffer.alloc(8 * 1024 * 1024)), size: 1000 },
    ]);
    expect(() => checkWordArchive(liar)).toThrow(ZipProblem);
    const r2 = await runCli(['extract', at('liar.docx', liar)]);
    expect(r2.code).toBe(3);
    expect(r2.stderr).toMatch(/inflates past the 1000 bytes it states \(a zip bomb\?\)/);
  });

  test('a zip with too many parts, or without word/document.xml, is refused', () => {
    const many = zip(Array.from({ length: 2001 }, (_, i) => ({ name: `x${i}.xml`, data: Buffer.from('<a/>') })));
    expect(() => checkWordArchive(many)).toThrow(/2001 parts/);
    expect(() => checkWordArchive(zip([{ name: 'a.txt', data: Buffer.from('x') }]))).toThrow(
      /without word\/document\.xml/,
    );
  });

  test('a named pipe is not a regular file: exit 2 at once, no wait for a writer', () => {
    const fifo = join(dir, 'letter.txt');
    execFileSync('mkfifo', [fifo]);
    const r = spawnCli(['extract', fifo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not a regular file/);
  });
});

describe('hostile letters: bounded answers', { timeout: 120_000 }, () => {
  test('a PDF padded to just under 20 MiB still gives its offer (or a clear error), never a hang', () => {
    const pdf = readFileSync(join(FIXTURES, 'letters', 'uk-monthly.pdf'));
    // A comment block after the end: pdfjs must look past it for the cross-reference table.
    const pad = Buffer.alloc(20 * 1024 * 1024 - pdf.length - 16, 0x25);
    const path = at('padded.pdf', Buffer.concat([pdf, Buffer.from('\n'), pad]));
    const r = spawnCli(['extract', path, '--json']);
    expect([0, 3]).toContain(r.code);
    if (r.code === 0) expect(JSON.parse(r.stdout).offer.base).toBe(87000);
    expect(r.stderr).not.toMatch(/internal error/);
  });

  test('a letter with 10,000 numbers: one answer, candidates bounded', async () => {
    const lines = Array.from(
      { length: 10_000 },
      (_, i) => `Option ${i + 1}: your base salary will be $${100_000 + i * 7} per year, ${i} days.`,
    );
    const r = await runCli(['extract', at('numbers.txt', `Dear Sam,\n\n${lines.join('\n')}\n`), '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    const base = doc.ambiguous.find((a: { field: string }) => a.field === 'base');
    expect(base.candidates.length).toBe(10);
    expect(base.candidates[0]).toMatchObject({ value: 100000, line: 3 });
  });

  test('a letter of one 1 MiB line of digits and symbols: bounded', () => {
    const text = `Your base salary will be ${'$1,000,'.repeat(150_000)}.`;
    const read = readLetterIdentity(text);
    const out = assembleExtraction(read, text, { currencies: [] });
    expect(out.figures.length + out.ambiguous.length).toBeLessThan(100);
  });

  test('MIME nested 1,000 deep: read to a bounded depth', async () => {
    let body = 'Content-Type: text/plain\n\nYour base salary will be $150,000.\n';
    for (let i = 0; i < 1000; i++)
      body = `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\n${body}\n--b${i}--\n`;
    const r = await runCli(['extract', at('deep.eml', `From: a@b.example\nSubject: x\n${body}`), '--json']);
    expect([0, 1]).toContain(r.code);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
  });

  test('escape sequences in a letter never reach the terminal (human output and notes)', async () => {
    const evil = `Dear ${RAW_PAYLOAD},\n\n${RAW_PAYLOAD} is pleased to offer you the position of ${RAW_PAYLOAD} Engineer.\nYour base salary will be $150,000 per year ${RAW_PAYLOAD}.\nYou will be based in ${RAW_PAYLOAD}.\n`;
    const r = await runCli(['extract', at('evil.txt', evil)], { tty: true });
    expect(r.code).toBe(0);
    expect(unsafeAt(r.stdout.replace(/\u001b\[[0-9;]*m/g, ''))).toBeNull();
    expect(unsafeAt(r.stderr.replace(/\u001b\[[0-9;]*m/g, ''))).toBeNull();
    const json = await runCli(['extract', at('evil2.txt', evil), '--json']);
    expect(unsafeAt(json.stdout)).toBeNull();
    expect(JSON.parse(json.stdout).offer.base).toBe(150000);
  });
});
