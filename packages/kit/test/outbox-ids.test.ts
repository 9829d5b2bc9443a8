import { idsWhere } from '../src/outbox/relay-batch';

const rows = (...ids: string[]) => ids.map((id) => ({ id }));

describe('outbox relay: the ids of a batch as a condition', () => {
  it('gives a run of consecutive ids one BETWEEN, whatever their order', () => {
    expect(idsWhere(rows('12', '10', '11', '13'))).toEqual({
      sql: 'id between ? and ?',
      params: ['10', '13'],
    });
  });

  it('never covers an id it was not given: a gap splits the run, lone ids go in one IN list', () => {
    expect(idsWhere(rows('1', '2', '3', '5', '7', '8', '20'))).toEqual({
      sql: 'id in (?) or id between ? and ? or id between ? and ?',
      params: [['5', '20'], '1', '3', '7', '8'],
    });
    expect(idsWhere(rows('4'))).toEqual({ sql: 'id in (?)', params: [['4']] });
  });

  it('keeps ids past 2^53 exact and a repeated id once', () => {
    const big = '18446744073709551614';
    expect(idsWhere(rows(big, '18446744073709551615', big))).toEqual({
      sql: 'id between ? and ?',
      params: [big, '18446744073709551615'],
    });
  });
});
