import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { corpusTokenizer, readCorpus } from '../../src/moe/corpus.ts';
import { Tokenizer, trainBpe, words } from '../../src/moe/tokenizer.ts';

const { tokenizer, tokens } = corpusTokenizer(512);

describe('byte-level BPE on the shipped corpus', () => {
  it('has 256 + 512 tokens and round-trips the corpus exactly', () => {
    expect(tokenizer.vocabSize).toBe(768);
    expect(tokenizer.decode(tokens)).toBe(readCorpus());
    expect(tokens.length).toBeLessThan(Buffer.byteLength(readCorpus()) / 2); // merges compress English
  });
  it('trains deterministically', () => {
    expect(trainBpe(readCorpus(), 64).merges).toEqual(trainBpe(readCorpus(), 64).merges);
  });
  test.prop([fc.string({ unit: 'grapheme', maxLength: 80 })])('round-trips any well-formed string', (s) => {
    expect(tokenizer.decode(tokenizer.encode(s))).toBe(s);
  });
  test.prop([fc.string({ maxLength: 80 })])('pre-tokenized words cover the text', (s) => {
    expect(words(s).join('')).toBe(s);
  });
  it('merges the most frequent pair first and breaks ties by the lower pair', () => {
    const bpe = trainBpe('ab ab ab cd cd cd', 2);
    // words "ab", " ab" x2, " cd" x3: "ab", " c", "cd" occur 3x, " a" 2x; the lowest pair key is " c"
    expect(bpe.merges[0]).toEqual([32, 99]);
    expect(new Tokenizer(bpe).decode([256])).toBe(' c');
  });
  it('rejects a corpus too small for the merges and unknown ids', () => {
    expect(() => trainBpe('ab', 5)).toThrow(/corpus too small/);
    expect(() => tokenizer.decode([9999])).toThrow(/outside the vocabulary/);
  });
});
