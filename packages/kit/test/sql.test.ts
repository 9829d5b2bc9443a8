import { list, olderThan, sqlTime, toDate, toDateOrNull, tuples } from '../src/orm';

describe('SQL helpers', () => {
  it('write placeholders for multi-row statements and IN lists', () => {
    expect(tuples(2, 3)).toBe('(?,?,?),(?,?,?)');
    expect(tuples(1, 1)).toBe('(?)');
    expect(list(3)).toBe('?,?,?');
  });

  it('write DATETIME(3) literals in UTC from dates and ISO strings', () => {
    expect(sqlTime(new Date('2026-01-02T03:04:05.678Z'))).toBe('2026-01-02 03:04:05.678');
    expect(sqlTime('2026-01-02T03:04:05.678+01:00')).toBe('2026-01-02 02:04:05.678');
  });

  it('read DATETIME(3) values back as the same instant', () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    expect(toDate('2026-01-02 03:04:05.678')).toEqual(at);
    expect(toDate(at)).toBe(at);
    expect(toDateOrNull('2026-01-02 03:04:05.678')).toEqual(at);
    expect(toDateOrNull(null)).toBeNull();
  });

  it('compare keyset positions newest first', () => {
    expect(olderThan('created_at', 'id')).toBe('(created_at < ? OR (created_at = ? AND id < ?))');
  });
});
