import { describe, expect, it } from 'vitest';
import { nextPageNumber, parseLinkHeader } from './pagination.js';

const link = (...rels: [string, number][]) => rels.map(([rel, n]) => `<https://api.example/v1/webhooks?page%5Bnumber%5D=${n}&page%5Bsize%5D=2>; rel="${rel}"`).join(', ');

describe('parseLinkHeader', () => {
  it('reads each rel, quoted or not, and keeps the first URL of a rel', () => {
    const links = parseLinkHeader('<https://a/1>; rel="first", <https://a/3>; rel=next, <https://a/9>; rel="next"; title="x", </4>; rel="prev last"');
    expect(Object.fromEntries(links)).toEqual({ first: 'https://a/1', next: 'https://a/3', prev: '/4', last: '/4' });
    expect(parseLinkHeader(undefined).size).toBe(0);
  });
});

describe('nextPageNumber', () => {
  const page = { number: 1, size: 2, received: 2, fetched: 2 };
  it('follows rel="next" and stops without one', () => {
    expect(nextPageNumber({ ...page, link: link(['first', 1], ['next', 2], ['last', 3]) })).toBe(2);
    expect(nextPageNumber({ ...page, number: 3, fetched: 6, link: link(['first', 1], ['prev', 2], ['last', 3]) })).toBeUndefined();
  });

  it('stops when total is reached, even with a next link', () => {
    expect(nextPageNumber({ ...page, total: '2', link: link(['next', 2]) })).toBeUndefined();
    expect(nextPageNumber({ ...page, total: '5' })).toBe(2);
  });

  it('never follows a next link that points back', () => {
    expect(nextPageNumber({ ...page, number: 2, fetched: 4, link: link(['next', 2]) })).toBeUndefined();
  });

  it('without headers, asks again only after a full page', () => {
    expect(nextPageNumber(page)).toBe(2);
    expect(nextPageNumber({ ...page, received: 1, fetched: 3 })).toBeUndefined();
    expect(nextPageNumber({ ...page, received: 0, total: '10' })).toBeUndefined();
  });
});
