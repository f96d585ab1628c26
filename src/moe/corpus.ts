// The shipped corpus (src/moe/corpus/corpus.txt, CC0, see its README) and the tokenizer trained on
// it. Invariant: same corpus + merge count → same merges and token stream.
import { readFileSync } from 'node:fs';
import { Tokenizer, trainBpe } from './tokenizer.ts';

export const CORPUS_PATH = new URL('./corpus/corpus.txt', import.meta.url);

export function readCorpus(): string {
  return readFileSync(CORPUS_PATH, 'utf8');
}

export function corpusTokenizer(merges: number, text = readCorpus()): { tokenizer: Tokenizer; tokens: number[] } {
  const tokenizer = new Tokenizer(trainBpe(text, merges));
  return { tokenizer, tokens: tokenizer.encode(text) };
}
