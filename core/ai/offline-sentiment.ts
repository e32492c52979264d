// The sentiment module alone: the package's index pulls in storage back-ends we do not need.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SentimentAnalyzer } = require('natural/lib/natural/sentiment') as typeof import('natural');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PorterStemmer, PorterStemmerEs } = require('natural/lib/natural/stemmers') as typeof import('natural');

export type Sentiment = 'positive' | 'neutral' | 'negative';

const SPANISH_HINTS = new Set(
  'el la los las de que y en un una es por para con no muy pero gracias hola quiero tengo está estoy mi su del al como qué cuándo dónde'.split(
    ' ',
  ),
);
const ENGLISH_HINTS = new Set(
  'the an is are and of to in for with not very but thanks hello want have my your this that what when where'.split(
    ' ',
  ),
);

export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFC')
    .split(/[^\p{L}\p{N}']+/u)
    .filter(Boolean);
}

export function detectLanguage(tokens: string[]): 'es' | 'en' {
  let es = 0;
  let en = 0;
  for (const t of tokens) {
    if (SPANISH_HINTS.has(t)) es++;
    if (ENGLISH_HINTS.has(t)) en++;
    if (/[ñáéíóú¿¡]/.test(t)) es++;
  }
  return es > en ? 'es' : 'en';
}

let analyzers: Record<'es' | 'en', InstanceType<typeof SentimentAnalyzer>> | undefined;

/**
 * Sentiment without any network: `natural`'s lexicon analysers (Spanish: senticon,
 * English: AFINN), the language guessed from common words. Score in -1…1.
 */
export function offlineSentiment(text: string): { sentiment: Sentiment; score: number; language: 'es' | 'en' } {
  analyzers ??= {
    es: new SentimentAnalyzer('Spanish', PorterStemmerEs, 'senticon'),
    en: new SentimentAnalyzer('English', PorterStemmer, 'afinn'),
  };
  const tokens = tokenize(text);
  const language = detectLanguage(tokens);
  if (tokens.length === 0) return { sentiment: 'neutral', score: 0, language };
  const raw = analyzers[language].getSentiment(tokens);
  // AFINN is -5…5 per word, senticon -1…1: bring both to -1…1.
  const score = Math.max(-1, Math.min(1, language === 'en' ? raw / 2 : raw * 2));
  const rounded = Math.round(score * 100) / 100;
  const sentiment: Sentiment = rounded > 0.05 ? 'positive' : rounded < -0.05 ? 'negative' : 'neutral';
  return { sentiment, score: rounded, language };
}
