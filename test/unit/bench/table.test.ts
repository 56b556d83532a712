import { describe, expect, it } from 'vitest';
import { formatNumber, renderTable, times } from '../../../bench/lib/table';

describe('renderTable', () => {
  it('renders a Markdown table with numeric columns right-aligned', () => {
    const out = renderTable(['name', 'pages/s'], [['ours', 36.5], ['pdftotext', 169]]).split('\n');
    expect(out[0]).toBe('| name      | pages/s |');
    expect(out[1]).toBe('|-----------|--------:|');
    expect(out[2]).toBe('| ours      |    36.5 |');
    expect(out[3]).toBe('| pdftotext |     169 |');
  });

  it('shows missing cells as a dash', () => {
    expect(renderTable(['a', 'b'], [['x', null]])).toContain('| x   |   – |');
  });

  it('rejects a row with the wrong number of cells', () => {
    expect(() => renderTable(['a', 'b'], [['only one']])).toThrow(RangeError);
  });
});

describe('number formatting', () => {
  it('keeps about three significant digits and groups thousands', () => {
    expect(formatNumber(12345.6)).toBe('12,346');
    expect(formatNumber(12.345)).toBe('12.3');
    expect(formatNumber(1.2345)).toBe('1.23');
    expect(formatNumber(0.012345)).toBe('0.012');
  });

  it('writes ratios with a times sign and a dash when absent', () => {
    expect(times(3.456)).toBe('3.46×');
    expect(times(null)).toBe('–');
  });
});
