import { describe, expect, it } from 'vitest';
import { repairedText, repairMojibake } from '../../../build-scripts/ingest/mojibake';
import { RowContext } from '../../../build-scripts/ingest/row-context';

describe('repairMojibake', () => {
  it('repairs UTF-8 that was decoded as cp1252', () => {
    expect(repairMojibake('WALLÂ·E')).toMatchObject({ text: 'WALL·E', repaired: 1, unrepaired: 0 });
    expect(repairMojibake('Dude, Whereâ€™s My Car?').text).toBe('Dude, Where’s My Car?');
    expect(repairMojibake('CafÃ© â€œSoleilâ€\u009d â€“ AmÃ©lie').text).toBe('Café “Soleil” – Amélie');
    expect(repairMojibake('Belli di papÃ\u00a0').text).toBe('Belli di papà');
    expect(repairMojibake('180Â° South').text).toBe('180° South');
    expect(repairMojibake('The Naked Gun 33â…“').text).toBe('The Naked Gun 33⅓');
  });

  it('repairs other scripts', () => {
    expect(repairMojibake('ã‚´ã‚¸ãƒ©').text).toBe('ゴジラ');
    expect(repairMojibake('ì•„ê¸°ì™€ ë‚˜').text).toBe('아기와 나');
    expect(repairMojibake('Ð¡Ñ‚Ð°Ð»Ð¸Ð½Ð³Ñ€Ð°Ð´').text).toBe('Сталинград');
    expect(repairMojibake('jÉ™-ËŒrÃ¤n').text).toBe('jə-ˌrän');
  });

  it('repairs text garbled twice and cp1252 read as Latin-1 first', () => {
    expect(repairMojibake('ÃƒÂ©tÃƒÂ©').text).toBe('été');
    expect(repairMojibake('killing Â“a tyrant,Â” as AliceÂ’s').text).toBe('killing “a tyrant,” as Alice’s');
  });

  it('infers the lost byte of a closing quote only where a closing quote fits', () => {
    expect(repairMojibake('a â€œplaydateâ€ becomes')).toMatchObject({ text: 'a “playdate” becomes', repaired: 2, inferred: 1, unrepaired: 0 });
    expect(repairMojibake('Sparks.â€').text).toBe('Sparks.”');
    const r = repairMojibake('itâ€™s â€the sex capital');
    expect(r).toMatchObject({ text: 'it’s â€the sex capital', repaired: 1, inferred: 0, unrepaired: 1 });
    expect(r.sample).toContain('â€the');
  });

  it('reports what lost bytes upstream and cannot be repaired', () => {
    expect(repairMojibake('Ãlex de la Iglesia')).toMatchObject({ text: 'Ãlex de la Iglesia', repaired: 0, unrepaired: 1 });
    expect(repairMojibake('Nakamura ShidÅ II').unrepaired).toBe(1);
    expect(repairMojibake('Phylicia RashÄd').unrepaired).toBe(1);
    expect(repairMojibake('To ï¬nd').unrepaired).toBe(1);
    expect(repairMojibake('killerÂ instinct').unrepaired).toBe(1);
    // A partly repaired cell: the rest is repaired, the leftovers are counted.
    const r = repairMojibake('ì‹\u00a0ì˜ í•œ ìˆ˜');
    expect(r.text).toBe('신ì˜ 한 수');
    expect(r).toMatchObject({ repaired: 3, unrepaired: 1 });
    // In a cell known to be garbled, a bare lead character is a leftover (Đan lost 0x90).
    expect(repairMojibake('Linh Äan PhaÌ£m|Pháº¡m')).toMatchObject({ text: 'Linh Äan Pha\u0323m|Ph\u1ea1m', repaired: 2, unrepaired: 1 });
  });

  it('leaves correct text alone', () => {
    const correct = [
      'Ñandú', 'Ångström', 'Café', 'naïve', 'ゴジラ', '東京物語', 'Âge', 'CHÂTEAU', 'SÃO PAULO', 'São Paulo',
      'Déjà vu', 'Ça va', 'Zoë’s', 'café…”', 'Weiß’', 'JOSÉ’S', 'Bórd Scannán na hÉireann', 'Æon Flux',
      'Øresund', '¿Qué?', '«Está»', 'Łódź', 'Shōgun', 'Сталинград', 'plain ASCII'
    ];
    for (const s of correct) expect(repairMojibake(s), s).toEqual({ text: s, repaired: 0, inferred: 0, unrepaired: 0 });
  });

  it('does not flag correct words that merely contain a suspicious letter', () => {
    for (const s of ['Ärger', 'Åsa Larsson', 'Âme', 'Ísland']) expect(repairMojibake(s).unrepaired, s).toBe(0);
  });
});

describe('repairedText', () => {
  it('repairs before trimming and warns per field, keeping the row', () => {
    const ctx = new RowContext('f.csv', 7, 8);
    expect(repairedText(ctx, 'cast', 'Jordi MollÃ\u00a0')).toBe('Jordi Mollà');
    expect(repairedText(ctx, 'director', ' Ãlex de la Iglesia ')).toBe('Ãlex de la Iglesia');
    expect(repairedText(ctx, 'tagline', '   ')).toBeNull();
    expect(repairedText(ctx, 'overview', 'plain')).toBe('plain');
    expect(ctx.rejected).toBe(false);
    expect(ctx.warnings.map((w) => [w.row, w.line, w.field, w.reason, w.value])).toEqual([
      [7, 8, 'cast', 'mojibake_repaired', 'Jordi MollÃ\u00a0'],
      [7, 8, 'director', 'mojibake_unrepaired', 'Ãlex de la Iglesia']
    ]);
  });
});
