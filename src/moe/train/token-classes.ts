// Coarse classes of BPE tokens, from the token's bytes, for measuring expert specialization
// ("which kinds of token each expert takes"). ASCII rules; anything else is `other`.
// Invariant: every token id maps to exactly one class.

export const TOKEN_CLASSES = ['word_start', 'word_piece', 'capital', 'digit', 'punct', 'space', 'other'] as const;
export type TokenClass = (typeof TOKEN_CLASSES)[number];

export function tokenClass(bytes: Uint8Array): TokenClass {
  const s = String.fromCharCode(...bytes);
  if (/[^\x00-\x7f]/.test(s) || s.length === 0) return 'other';
  if (/^\s+$/.test(s)) return 'space';
  if (/^ ?[0-9]+$/.test(s)) return 'digit';
  if (/^ ?[A-Z]/.test(s)) return 'capital';
  if (/^ [a-z]/.test(s)) return 'word_start';
  if (/^[a-z]/.test(s)) return 'word_piece';
  if (/^ ?[^\sA-Za-z0-9]+$/.test(s)) return 'punct';
  return 'other';
}

/** Class index of every token id of a vocabulary given its pieces. */
export const classOfIds = (pieces: Uint8Array[]): Int32Array =>
  Int32Array.from(pieces, (p) => TOKEN_CLASSES.indexOf(tokenClass(p)));
