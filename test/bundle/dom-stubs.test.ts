/** The DOMMatrix stand-in does real 2-D affine maths (pdf.js composes text transforms with it). */
import { describe, expect, it } from 'vitest';
import { DomMatrixStub, ImageDataStub } from '../../functions/shims/dom-stubs';

const entries = (m: DomMatrixStub) => [m.a, m.b, m.c, m.d, m.e, m.f];

describe('DomMatrixStub', () => {
  it('starts as the identity and takes a 6-number initialiser', () => {
    expect(new DomMatrixStub().isIdentity).toBe(true);
    expect(entries(new DomMatrixStub([2, 0, 0, 3, 5, 7]))).toEqual([2, 0, 0, 3, 5, 7]);
  });

  it('multiplies in DOM order: translate then scale maps (1,1) to (tx + sx, ty + sy)', () => {
    const m = new DomMatrixStub().translate(10, 20).scale(2, 3);
    expect(m.transformPoint({ x: 1, y: 1 })).toMatchObject({ x: 12, y: 23 });
    // preMultiplySelf applies the other matrix after this one.
    const pre = new DomMatrixStub([2, 0, 0, 3, 0, 0]).preMultiplySelf(new DomMatrixStub([1, 0, 0, 1, 10, 20]));
    expect(pre.transformPoint({ x: 1, y: 1 })).toMatchObject({ x: 12, y: 23 });
  });

  it('inverts a rotation-and-translation back to the identity', () => {
    const m = new DomMatrixStub([0, 1, -1, 0, 4, 5]);
    const product = m.multiply(m.inverse());
    for (const [value, expected] of entries(product).map((v, i) => [v, [1, 0, 0, 1, 0, 0][i]])) {
      expect(value).toBeCloseTo(expected, 12);
    }
  });

  it('gives NaN entries for a singular matrix instead of throwing', () => {
    expect(entries(new DomMatrixStub([1, 2, 2, 4, 0, 0]).inverse()).every(Number.isNaN)).toBe(true);
  });
});

describe('ImageDataStub', () => {
  it('allocates width × height RGBA pixels', () => {
    const img = new ImageDataStub(3, 2);
    expect(img.data.length).toBe(24);
    expect(new ImageDataStub(new Uint8ClampedArray(16), 2).height).toBe(2);
  });
});
