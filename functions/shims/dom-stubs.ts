/**
 * Minimal stand-ins for the browser geometry/imaging globals that pdf.js 5 touches while its module
 * initialises. In Node, pdf.js borrows them from `@napi-rs/canvas`, a native package we do not ship
 * (it is x64-only here and Lambda runs on arm64). Text extraction never draws, so it only needs the
 * constructors to exist and the affine maths to be right; nothing here renders anything.
 *
 * Existing globals win, so this is a no-op wherever a real implementation is already present.
 * Injected on its own into bundles that contain pdf.js without parsing with it (the ingest handler),
 * and through ./pdfjs-node into the extraction worker.
 */

type Init = ArrayLike<number> | undefined;

/** 2-D affine matrix in the DOMMatrix layout [a b c d e f] (x' = a·x + c·y + e, y' = b·x + d·y + f). */
class DomMatrixStub {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;

  constructor(init?: Init) {
    if (init && init.length >= 6) {
      [this.a, this.b, this.c, this.d, this.e, this.f] = Array.from(init).slice(0, 6);
    }
  }

  get is2D(): boolean {
    return true;
  }

  get isIdentity(): boolean {
    return this.a === 1 && this.b === 0 && this.c === 0 && this.d === 1 && this.e === 0 && this.f === 0;
  }

  /** this = this × other */
  multiplySelf(other: DomMatrixStub | Init): this {
    const o = other instanceof DomMatrixStub ? other : new DomMatrixStub(other);
    const { a, b, c, d, e, f } = this;
    this.a = a * o.a + c * o.b;
    this.b = b * o.a + d * o.b;
    this.c = a * o.c + c * o.d;
    this.d = b * o.c + d * o.d;
    this.e = a * o.e + c * o.f + e;
    this.f = b * o.e + d * o.f + f;
    return this;
  }

  /** this = other × this */
  preMultiplySelf(other: DomMatrixStub | Init): this {
    const o = other instanceof DomMatrixStub ? other : new DomMatrixStub(other);
    const product = new DomMatrixStub([o.a, o.b, o.c, o.d, o.e, o.f]).multiplySelf(this);
    return this.copyFrom(product);
  }

  multiply(other: DomMatrixStub | Init): DomMatrixStub {
    return this.clone().multiplySelf(other);
  }

  translateSelf(tx = 0, ty = 0): this {
    return this.multiplySelf([1, 0, 0, 1, tx, ty]);
  }

  translate(tx = 0, ty = 0): DomMatrixStub {
    return this.clone().translateSelf(tx, ty);
  }

  scaleSelf(sx = 1, sy = sx): this {
    return this.multiplySelf([sx, 0, 0, sy, 0, 0]);
  }

  scale(sx = 1, sy = sx): DomMatrixStub {
    return this.clone().scaleSelf(sx, sy);
  }

  invertSelf(): this {
    const det = this.a * this.d - this.b * this.c;
    if (det === 0) return this.copyFrom(new DomMatrixStub([NaN, NaN, NaN, NaN, NaN, NaN]));
    const { a, b, c, d, e, f } = this;
    return this.copyFrom(
      new DomMatrixStub([d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det]),
    );
  }

  inverse(): DomMatrixStub {
    return this.clone().invertSelf();
  }

  transformPoint(p: { x?: number; y?: number } = {}): { x: number; y: number; z: number; w: number } {
    const x = p.x ?? 0;
    const y = p.y ?? 0;
    return { x: this.a * x + this.c * y + this.e, y: this.b * x + this.d * y + this.f, z: 0, w: 1 };
  }

  toFloat64Array(): Float64Array {
    return Float64Array.from([this.a, this.b, 0, 0, this.c, this.d, 0, 0, 0, 0, 1, 0, this.e, this.f, 0, 1]);
  }

  private clone(): DomMatrixStub {
    return new DomMatrixStub([this.a, this.b, this.c, this.d, this.e, this.f]);
  }

  private copyFrom(m: DomMatrixStub): this {
    this.a = m.a;
    this.b = m.b;
    this.c = m.c;
    this.d = m.d;
    this.e = m.e;
    this.f = m.f;
    return this;
  }
}

/** Pixel buffer shape only; pdf.js creates these when it decodes images for painting, which we never do. */
class ImageDataStub {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;

  constructor(dataOrWidth: Uint8ClampedArray | number, widthOrHeight: number, height?: number) {
    if (typeof dataOrWidth === 'number') {
      this.width = dataOrWidth;
      this.height = widthOrHeight;
      this.data = new Uint8ClampedArray(dataOrWidth * widthOrHeight * 4);
    } else {
      this.data = dataOrWidth;
      this.width = widthOrHeight;
      this.height = height ?? dataOrWidth.length / (4 * widthOrHeight);
    }
  }
}

/** Path recorder with no geometry: enough for pdf.js to build glyph outlines it will never fill. */
class Path2DStub {
  addPath(): void {}
  closePath(): void {}
  moveTo(): void {}
  lineTo(): void {}
  bezierCurveTo(): void {}
  quadraticCurveTo(): void {}
  rect(): void {}
}

const g = globalThis as Record<string, unknown>;
g.DOMMatrix ??= DomMatrixStub;
g.ImageData ??= ImageDataStub;
g.Path2D ??= Path2DStub;

export { DomMatrixStub, ImageDataStub, Path2DStub };
