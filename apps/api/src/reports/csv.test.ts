import fc from 'fast-check';
import { csvRecords } from './csv.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 1000);

/** A strict RFC 4180 reader, independent of the writer under test. */
function read(text: string): string[][] {
  const records: string[][] = [];
  const pattern = /("(?:[^"]|"")*"|[^",\r\n]*)(,|\r\n)/y;
  let record: string[] = [];
  while (pattern.lastIndex < text.length) {
    const match = pattern.exec(text);
    if (!match) throw new Error(`not RFC 4180 at ${pattern.lastIndex}`);
    const raw = match[1]!;
    record.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
    if (match[2] === '\r\n') {
      records.push(record);
      record = [];
    }
  }
  return records;
}

describe('csvRecords', () => {
  it('quotes what needs quoting', () => {
    expect(csvRecords([['a', 'b,c', 'say "hi"', 'x\r\ny', 1, null]])).toBe('a,"b,c","say ""hi""","x\r\ny",1,\r\n');
  });

  it('reads back to the same fields, whatever they hold', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 6 }), {
          minLength: 1,
          maxLength: 5,
        }),
        (records) => {
          expect(read(csvRecords(records))).toEqual(records);
        },
      ),
      { numRuns },
    );
  });
});
