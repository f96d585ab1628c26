// Shared pieces of the training charts: the balancing methods' colours (Okabe-Ito, colour-blind
// safe; Okabe & Ito 2008) in one fixed order, so a method looks the same in every training chart.
export const METHOD_ORDER = ['none', 'aux', 'loss-free'] as const;
export const METHOD_SCALE = { domain: [...METHOD_ORDER], range: ['#999999', '#E69F00', '#0072B2'] };
