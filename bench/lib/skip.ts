/** A benchmark that cannot run here says why instead of failing the whole run. */
export class SkipBenchmark extends Error {
  override readonly name = 'SkipBenchmark';
}
