import fc from 'fast-check';
import { RelativePath } from './relative-path';

/** Reads relative path data back into absolute points, one list per subpath, as an SVG renderer would. */
function absolute(data: string): [number, number][][] {
  const rings: [number, number][][] = [];
  const tokens = data.match(/[MlZz]|-?\d+/g) ?? [];
  let command = '';
  let x = 0;
  let y = 0;
  for (let i = 0; i < tokens.length;) {
    const token = tokens[i]!;
    if (/[MlZz]/.test(token)) {
      command = token;
      i += 1;
      if (command === 'z' || command === 'Z') command = '';
      continue;
    }
    const a = Number(token);
    const b = Number(tokens[i + 1]);
    i += 2;
    if (command === 'M') {
      x = a;
      y = b;
      rings.push([[x, y]]);
    } else if (command === 'l') {
      x += a;
      y += b;
      rings.at(-1)!.push([x, y]);
    } else throw new Error(`numbers after no command in ${data}`);
  }
  return rings;
}

describe('RelativePath', () => {
  it('writes a closed ring as an absolute move and relative steps, continuing a run without repeating "l"', () => {
    const path = new RelativePath();
    path.moveTo(10.2, 20.7);
    path.lineTo(13.4, 19.1);
    path.lineTo(13.6, 25);
    path.lineTo(9.5, 25.4);
    path.closePath();
    expect(path.take()).toBe('M10 21l3-2 1 6-4 0z');
    expect(path.take()).toBe('');
  });

  it('leaves out a point that rounds onto the one before it', () => {
    const path = new RelativePath();
    path.moveTo(0, 0);
    path.lineTo(0.3, 0.2);
    path.lineTo(2, 0);
    expect(path.take()).toBe('M0 0l2 0');
  });

  it('puts every point where rounding its own coordinates would, however long the ring (no drift)', () => {
    const point = fc.tuple(
      fc.double({ min: -5000, max: 5000, noNaN: true }),
      fc.double({ min: -5000, max: 5000, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(point, { minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 5 }),
        (rings) => {
          const path = new RelativePath();
          const expected: [number, number][][] = [];
          for (const ring of rings) {
            const [first, ...rest] = ring;
            path.moveTo(first![0], first![1]);
            const kept: [number, number][] = [[Math.round(first![0]), Math.round(first![1])]];
            for (const [x, y] of rest) {
              path.lineTo(x, y);
              const last = kept.at(-1)!;
              const rounded: [number, number] = [Math.round(x), Math.round(y)];
              if (rounded[0] !== last[0] || rounded[1] !== last[1]) kept.push(rounded);
            }
            path.closePath();
            expected.push(kept);
          }
          // Object.is would tell -0 from 0; a renderer does not.
          expect(absolute(path.take()).map((ring) => ring.map(([x, y]) => [x + 0, y + 0]))).toEqual(
            expected.map((ring) => ring.map(([x, y]) => [x + 0, y + 0])),
          );
        },
      ),
    );
  });

  it('refuses to draw a point as a circle', () => {
    expect(() => new RelativePath().arc(1, 1, 1)).toThrow(/polygons and lines only/);
  });
});
